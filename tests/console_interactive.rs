//! kubectl on the page's console, which is a terminal: `kubectl run -it`
//! and `kubectl exec -it … -- sh` hand the console to the container's
//! shell, and `--rm` waits for that shell to end.

use ordinal::console::Console;

fn cluster() -> Console {
    let mut c = Console::new(1);
    c.set_interactive(true);
    let t =
        c.run("kubectl apply -f https://k8s.io/examples/application/web/web.yaml && sim settle");
    assert_eq!(t.status, 0, "{t}");
    c
}

#[test]
fn run_it_rm_attaches_and_removes_the_pod_only_after_the_shell() {
    let mut c = cluster();
    let t = c.run("kubectl run -it --rm --image=busybox:1.28 dns-test --restart=Never");
    let text = t.to_string();
    assert!(
        text.contains("If you don't see a command prompt, try pressing enter."),
        "{text}"
    );
    assert!(
        !text.contains("deleted"),
        "deleted before the session: {text}"
    );
    assert!(c.attached().is_some());
    let t = c.run("nslookup web-0.nginx");
    assert!(t.to_string().contains("Name:      web-0.nginx"), "{t}");
    let t = c.run("exit");
    assert!(c.attached().is_none());
    assert!(t.to_string().contains("dns-test"), "{t}");
    let t = c.run("kubectl get pod dns-test");
    assert_eq!(t.status, 1, "{t}");
}

/// kubectl 1.35 (run.go, attach.go `reattachMessage`): when the shell of a
/// `kubectl run -i -t --rm` Pod exits, no "Session ended" hint unless the
/// Pod restarts its containers, and the Pod is deleted without waiting for
/// its grace period: `pod "NAME" deleted from default namespace`.
#[test]
fn run_it_rm_session_end_prints_only_the_deletion() {
    let mut c = cluster();
    c.run("kubectl run -it --rm --image=busybox:1.28 dns-test --restart=Never");
    assert!(c.attached().is_some());
    let before = c.engine().now();
    let t = c.run("exit");
    assert_eq!(t.status, 0, "{t}");
    assert_eq!(
        t.entries[0].output_text(),
        "pod \"dns-test\" deleted from default namespace\n"
    );
    assert_eq!(c.engine().now(), before, "waited for the deletion");
}

/// With `--restart=Always` the container would start again, so kubectl
/// says how to reattach, then deletes the Pod (`--rm`).
#[test]
fn run_it_rm_restart_always_prints_the_reattach_hint() {
    let mut c = cluster();
    c.run("kubectl run -it --rm --image=busybox:1.28 shell --restart=Always");
    assert!(c.attached().is_some());
    let t = c.run("exit");
    assert_eq!(
        t.entries[0].output_text(),
        "Session ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running\npod \"shell\" deleted from default namespace\n"
    );
}

/// Without `--rm` (and the default OnFailure for `-i`), the session ends
/// silently and the Pod completes with the shell.
#[test]
fn run_it_without_rm_ends_silently_and_the_pod_completes() {
    let mut c = cluster();
    c.run("kubectl run -it --image=busybox:1.28 keep");
    assert!(c.attached().is_some());
    let t = c.run("exit");
    assert_eq!(t.entries[0].output_text(), "");
    let t = c.run("kubectl get pod keep");
    assert!(t.to_string().contains("Completed"), "{t}");
}

#[test]
fn exec_it_sh_attaches_to_the_container() {
    let mut c = cluster();
    let t = c.run("kubectl exec -it web-1 -- sh");
    assert_eq!(t.status, 0, "{t}");
    assert!(c.attached().is_some());
    assert_eq!(c.run("hostname").to_string(), "$ hostname\nweb-1\n");
    c.run("exit");
    assert!(c.attached().is_none());
}

#[test]
fn a_command_in_a_tty_prints_no_progress_meter() {
    let mut c = cluster();
    c.run("kubectl exec web-0 -- sh -c 'echo hi > /usr/share/nginx/html/index.html'");
    let t = c.run("kubectl exec -it web-0 -- curl -s http://localhost/");
    assert_eq!(t.entries[0].output_text(), "hi\n");
}

/// `sim settle` and `kubectl get -w` stop when only a far container exit
/// remains (`sleep 3600`), instead of running to their 10-minute cap.
#[test]
fn watch_and_settle_end_when_only_a_far_exit_remains() {
    let mut c = Console::new(1);
    c.run("kubectl run sleeper --image=busybox:1.28 -- sleep 3600");
    let t = c.run("sim settle");
    assert_eq!(t.status, 0, "{t}");
    assert!(t.to_string().contains("settled after"), "{t}");
    let settled = c.engine().now();
    assert!(
        settled < ordinal::engine::SimTime(120_000),
        "settle ran to {settled:?}"
    );
    let t = c.run("kubectl get pod sleeper -w");
    assert!(t.to_string().contains("Running"), "{t}");
    assert_eq!(c.engine().now(), settled, "the watch let time pass");
    let t = c.run("sim status");
    assert!(
        t.to_string().contains("pending: nothing (next event in"),
        "{t}"
    );
}

/// `alias k=kubectl` as workshops start: defined at the console's prompt,
/// used from the next line on (sh substitutes aliases as it reads a line),
/// listed as sh lists them, and gone after `unalias`. Inside a container's
/// shell the console's aliases do not exist, and the shell's own do.
#[test]
fn aliases_typed_at_the_console_apply_from_the_next_line() {
    let mut c = cluster();
    let t = c.run("alias kgp='kubectl get pods -l app=nginx'; kgp");
    assert_eq!(t.status, 127, "read before the alias existed: {t}");
    let t = c.run("kgp -o name");
    assert_eq!(t.to_string(), "$ kgp -o name\npod/web-0\npod/web-1\n");
    let t = c.run("alias");
    assert!(
        t.to_string()
            .ends_with("\nkgp='kubectl get pods -l app=nginx'\n"),
        "{t}"
    );
    let t = c.run("type kgp kubectl");
    assert_eq!(
        t.to_string(),
        "$ type kgp kubectl\nkgp is an alias for kubectl get pods -l app=nginx\nkubectl is /usr/local/bin/kubectl\n"
    );
    let t = c.run("kubectl exec -it web-0 -- sh");
    assert_eq!(t.status, 0, "{t}");
    let t = c.run("kgp");
    assert!(
        t.to_string().contains("kgp: not found"),
        "the console's alias is not the container's: {t}"
    );
    c.run("alias where='cat /etc/hostname'");
    let t = c.run("where");
    assert!(t.to_string().ends_with("\nweb-0\n"), "{t}");
    c.run("exit");
    let t = c.run("unalias kgp && kgp");
    assert_eq!(t.status, 0, "unalias on the line of the use: {t}");
    let t = c.run("kgp");
    assert_eq!(t.status, 127, "{t}");
}

/// `watch kubectl get pods`, as workshop handouts say: each screen that
/// differs from the last, under procps's title line, two simulated seconds
/// apart, until nothing is pending; web-0 is Running before web-1 appears
/// (R3.5), and the screens' clock moves with the simulation.
#[test]
fn watch_shows_each_changed_screen_until_the_cluster_settles() {
    let mut c = Console::new(1);
    let t = c.run("kubectl apply -f https://k8s.io/examples/application/web/web.yaml");
    assert_eq!(t.status, 0, "{t}");
    let start = c.engine().now();
    let t = c.run("watch kubectl get pods");
    assert_eq!(t.status, 0, "{t}");
    let text = t.to_string();
    let titles: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("Every 2.0s: kubectl get pods"))
        .collect();
    assert!(titles.len() >= 5, "{text}");
    assert!(
        titles[0].ends_with("workstation: Mon Jan  5 09:00:00 2026"),
        "{text}"
    );
    assert!(
        titles[1].ends_with("workstation: Mon Jan  5 09:00:02 2026"),
        "{text}"
    );
    assert!(titles.iter().all(|l| l.len() == 80), "{text}");
    let web0_running = text.find("web-0   1/1     Running").expect("web-0 Ready");
    let web1 = text.find("web-1").expect("web-1 appears");
    assert!(web0_running < web1, "{text}");
    assert!(
        text.trim_end()
            .ends_with("web-1   1/1     Running   0          9s"),
        "{text}"
    );
    assert!(c.engine().next_pending_wakeup().is_none(), "settled");
    assert!(c.engine().now() > start);
    // -g ends at the first change; -t drops the title.
    let t =
        c.run("kubectl scale sts web --replicas=3 && watch -g -t -n 1 kubectl get pods -o name");
    assert_eq!(
        t.to_string().lines().skip(2).collect::<Vec<_>>(),
        ["pod/web-0", "pod/web-1", "pod/web-2"],
        "{t}"
    );
    let t = c.run("watch");
    assert_eq!(t.status, 1, "{t}");
    assert!(
        t.to_string().contains("Usage:\n watch [options] command\n"),
        "{t}"
    );
}

/// The workstation's own shell commands: `sh -c`, `bash FILE` for a script
/// written at the console (its exit status comes back), `hostname`,
/// `whoami`, `uname` (the kernel kind's nodes report); and `kubectl config
/// view --minify -o jsonpath='{..namespace}'`, how people ask which
/// namespace `set-context --current` left them in.
#[test]
fn workstation_shells_and_the_current_namespace() {
    let mut c = cluster();
    let t = c.run("sh -c 'kubectl get pods -o name | wc -l'");
    assert_eq!(
        t.to_string(),
        "$ sh -c 'kubectl get pods -o name | wc -l'\n2\n"
    );
    c.run("printf 'kubectl get pod \"$1\" -o name\\nexit 3\\n' > get.sh");
    let t = c.run("bash get.sh web-1");
    assert_eq!(
        (t.status, t.to_string().lines().last()),
        (3, Some("pod/web-1")),
        "{t}"
    );
    let t = c.run("hostname; whoami; uname -sr");
    assert!(
        t.to_string()
            .ends_with("workstation\nlearner\nLinux 6.8.0-60-generic\n"),
        "{t}"
    );
    let ns = "kubectl config view --minify -o jsonpath='{..namespace}'";
    assert_eq!(
        c.run(ns).to_string().lines().count(),
        1,
        "no namespace set yet"
    );
    c.run("kubectl create namespace demo && kubectl config set-context --current --namespace=demo");
    let t = c.run(ns);
    assert!(t.to_string().ends_with("\ndemo\n"), "{t}");
    let t = c.run("kubectl config view");
    assert!(
        t.to_string().contains(
            "- context:\n    cluster: kind-ordinal\n    namespace: demo\n    user: kind-ordinal\n"
        ),
        "{t}"
    );
}

#[test]
fn the_workstation_home_is_where_the_console_works() {
    let mut c = cluster();
    let t = c.run("echo $HOME $USER ~ ~/web.yaml");
    assert!(
        t.to_string()
            .ends_with("/home/learner learner /home/learner /home/learner/web.yaml\n"),
        "{t}"
    );
    // A file written through `~` is the file of the working directory.
    c.run("printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: home\\n' > ~/cm.yaml");
    let t = c.run("ls; kubectl apply -f ~/cm.yaml");
    assert!(t.to_string().contains("\ncm.yaml\n"), "{t}");
    assert!(t.to_string().ends_with("configmap/home created\n"), "{t}");
}
