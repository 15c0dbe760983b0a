//! `kubectl cp` as workshops use it (kubectl pkg/cmd/cp/cp.go): a file
//! written in the console copied into an nginx StatefulSet Pod's volume and
//! served, files and directories copied out and read with `cat`, and the
//! messages of tar and kubectl when something is missing. The copy runs the
//! image's own `tar` in the container, so what lands in a volume outlives
//! the Pod (R6.6) and what lands in the container's layer does not.

use crate::support;

use ordinal::console::Console;
use support::console::{apply, run};

const WEB: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: bb
spec:
  containers:
  - name: bb
    image: busybox:1.36
    command: ["sleep", "3600"]
"#;

const PAGE: &str = "<h1>Hello from a workshop</h1>\n";

/// web-0 (nginx-slim with its `www` claim) and a busybox Pod, Ready, and
/// `index.html` written in the console.
fn workshop() -> Console {
    let mut c = Console::new(1);
    apply(&mut c, WEB);
    ready(&mut c, "web-0");
    ready(&mut c, "bb");
    let (code, _, err) = run(&mut c, &format!("cat > index.html <<'EOF'\n{}EOF", PAGE));
    assert_eq!(code, 0, "{err}");
    c
}

fn ready(c: &mut Console, pod: &str) {
    let (code, out, err) = run(
        c,
        &format!("kubectl wait --for=condition=Ready pod/{pod} --timeout=300s"),
    );
    assert_eq!(code, 0, "{out}{err}");
}

/// Deletes web-0 and waits for the StatefulSet's new one.
fn recreate_web_0(c: &mut Console) {
    let uid = |c: &mut Console| run(c, "kubectl get pod web-0 -o jsonpath='{.metadata.uid}'").1;
    let before = uid(c);
    let (code, _, err) = run(c, "kubectl delete pod web-0");
    assert_eq!(code, 0, "{err}");
    ready(c, "web-0");
    assert_ne!(uid(c), before, "a new web-0");
}

#[test]
fn a_page_copied_into_the_volume_is_served_and_outlives_the_pod_r6_6() {
    let mut c = workshop();
    let (code, out, err) = run(
        &mut c,
        "kubectl cp index.html web-0:/usr/share/nginx/html/index.html",
    );
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert_eq!(
        run(&mut c, "kubectl exec web-0 -- curl -s localhost").1,
        PAGE
    );
    // From another Pod, through the headless Service's per-Pod name.
    assert_eq!(
        run(&mut c, "kubectl exec bb -- wget -qO- web-0.nginx").1,
        PAGE
    );
    recreate_web_0(&mut c);
    // The new Pod mounts the same claim, hence the same files (R6.6).
    assert_eq!(
        run(&mut c, "kubectl exec web-0 -- curl -s localhost").1,
        PAGE
    );
}

#[test]
fn a_directory_destination_takes_the_file_by_its_name() {
    let mut c = workshop();
    // `test -d` finds a directory: the file goes into it as index.html.
    let (code, _, err) = run(&mut c, "kubectl cp index.html web-0:/usr/share/nginx/html/");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        run(
            &mut c,
            "kubectl exec web-0 -- cat /usr/share/nginx/html/index.html"
        )
        .1,
        PAGE
    );
    // A new name in an existing directory is the file's new name.
    run(&mut c, "kubectl cp index.html web-0:/tmp/renamed.html");
    assert_eq!(
        run(&mut c, "kubectl exec web-0 -- ls /tmp").1,
        "renamed.html\n"
    );
}

#[test]
fn a_copy_outside_any_volume_is_gone_with_the_pod() {
    let mut c = workshop();
    let (code, _, err) = run(&mut c, "kubectl cp index.html web-0:/tmp/index.html");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        run(&mut c, "kubectl exec web-0 -- cat /tmp/index.html").1,
        PAGE
    );
    recreate_web_0(&mut c);
    // The container's writable layer died with the old Pod.
    let (code, _, err) = run(&mut c, "kubectl exec web-0 -- cat /tmp/index.html");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "cat: /tmp/index.html: No such file or directory\ncommand terminated with exit code 1\n"
    );
}

#[test]
fn files_copied_out_are_read_with_cat() {
    let mut c = workshop();
    run(
        &mut c,
        "kubectl cp index.html web-0:/usr/share/nginx/html/index.html",
    );
    // GNU tar's warning arrives on kubectl's stdout (cp.go: ErrOut: o.Out).
    let (code, out, err) = run(
        &mut c,
        "kubectl cp web-0:/usr/share/nginx/html/index.html ./out.html",
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "tar: Removing leading `/' from member names\n", "")
    );
    assert_eq!(run(&mut c, "cat out.html").1, PAGE);
    assert_eq!(run(&mut c, "cat ./out.html").1, PAGE);
    // With a namespace in the spec and --retries (tar piped through tail).
    let (code, _, err) = run(
        &mut c,
        "kubectl cp default/web-0:/usr/share/nginx/html/index.html copy.html --retries=3",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(run(&mut c, "cat copy.html").1, PAGE);
}

#[test]
fn directories_travel_both_ways_as_paths_below_their_name() {
    let mut c = workshop();
    let (code, _, err) = run(
        &mut c,
        "kubectl exec web-0 -- sh -c 'mkdir -p /tmp/d/e && echo one > /tmp/d/a && echo two > /tmp/d/e/b'",
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&mut c, "kubectl cp web-0:/tmp/d ./local");
    assert_eq!(code, 0, "{err}");
    assert_eq!(run(&mut c, "cat local/a").1, "one\n");
    assert_eq!(run(&mut c, "cat local/e/b").1, "two\n");
    // The session's store keeps files; a copied directory is a directory
    // to the shell because files are below it.
    assert_eq!(
        run(&mut c, "[ -d local/e ] && [ -f local/a ] && echo yes").1,
        "yes\n"
    );
    // A local directory is the files below it; into a busybox Pod.
    let (code, out, err) = run(&mut c, "kubectl cp local bb:/tmp/copy");
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert_eq!(
        run(&mut c, "kubectl exec bb -- cat /tmp/copy/a /tmp/copy/e/b").1,
        "one\ntwo\n"
    );
    // Copying into an existing directory nests the source under its name.
    run(&mut c, "kubectl cp local bb:/tmp/copy");
    assert_eq!(
        run(&mut c, "kubectl exec bb -- cat /tmp/copy/local/e/b").1,
        "two\n"
    );
    // `.` is a directory: a single file cannot be created there.
    let (code, _, err) = run(&mut c, "kubectl cp web-0:/tmp/d/a .");
    assert_eq!((code, err.as_str()), (1, "error: open .: is a directory\n"));
}

#[test]
fn busybox_tar_words_its_messages_its_own_way() {
    let mut c = workshop();
    run(&mut c, "kubectl exec bb -- sh -c 'echo x > /tmp/f'");
    let (code, out, _) = run(&mut c, "kubectl cp bb:/tmp/f f");
    assert_eq!(
        (code, out.as_str()),
        (0, "tar: removing leading '/' from member names\n")
    );
    let (code, out, err) = run(&mut c, "kubectl cp bb:/tmp/nope f");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "tar: removing leading '/' from member names\ntar: /tmp/nope: No such file or directory\ntar: error exit delayed from previous errors\n"
    );
    assert_eq!(err, "command terminated with exit code 1\n");
}

#[test]
fn missing_files_on_either_side() {
    let mut c = workshop();
    let (code, out, err) = run(&mut c, "kubectl cp nope.html web-0:/tmp/");
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            1,
            "",
            "error: nope.html doesn't exist in local filesystem\n"
        )
    );
    // GNU tar in the container: its errors on stdout, kubectl's exit code 2.
    let (code, out, err) = run(&mut c, "kubectl cp web-0:/tmp/nope.html nope.html");
    assert_eq!(code, 2);
    assert_eq!(
        out,
        "tar: Removing leading `/' from member names\ntar: /tmp/nope.html: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n"
    );
    assert_eq!(err, "command terminated with exit code 2\n");
    assert!(run(&mut c, "cat nope.html").0 != 0, "nothing was written");
    // A destination directory that does not exist: tar cannot change into it.
    let (code, _, err) = run(&mut c, "kubectl cp index.html web-0:/nodir/index.html");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "tar: /nodir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\ncommand terminated with exit code 2\n"
    );
}

#[test]
fn an_image_without_tar_fails_both_ways() {
    let mut c = workshop();
    apply(
        &mut c,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n  - name: mysql\n    image: mysql:8.4\n    env:\n    - name: MYSQL_ROOT_PASSWORD\n      value: pw\n",
    );
    ready(&mut c, "db");
    for cmd in [
        "kubectl cp index.html db:/tmp/index.html",
        "kubectl cp db:/etc/hostname hostname.txt",
    ] {
        let (code, out, err) = run(&mut c, cmd);
        assert_eq!((code, out.as_str()), (1, ""), "{cmd}");
        assert!(
            err.starts_with("error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \""),
            "{cmd}: {err}"
        );
        assert!(
            err.ends_with("OCI runtime exec failed: exec failed: unable to start container process: exec: \"tar\": executable file not found in $PATH: unknown\n"),
            "{cmd}: {err}"
        );
    }
    assert!(run(&mut c, "cat hostname.txt").0 != 0);
    // Beside it, nginx and busybox have tar.
    assert_eq!(
        run(&mut c, "kubectl exec web-0 -- which tar").1,
        "/usr/bin/tar\n"
    );
    assert_eq!(run(&mut c, "kubectl exec bb -- which tar").0, 0);
}

#[test]
fn pods_and_containers_that_cannot_take_a_copy() {
    let mut c = workshop();
    let cases = [
        (
            "kubectl cp index.html web-9:/tmp/",
            "Error from server (NotFound): pods \"web-9\" not found\n",
        ),
        (
            "kubectl cp web-9:/tmp/x x",
            "Error from server (NotFound): pods \"web-9\" not found\n",
        ),
        (
            "kubectl cp index.html web-0:/tmp/ -c sidecar",
            "Error from server (BadRequest): container sidecar is not valid for pod web-0\n",
        ),
        (
            "kubectl cp index.html -n kube-system web-0:/tmp/",
            "Error from server (NotFound): pods \"web-0\" not found\n",
        ),
    ];
    for (cmd, want) in cases {
        let (code, out, err) = run(&mut c, cmd);
        assert_eq!((code, out.as_str(), err.as_str()), (1, "", want), "{cmd}");
    }
}

#[test]
fn argument_errors_are_kubectls() {
    let mut c = workshop();
    let cases = [
        ("kubectl cp index.html", "error: source and destination are required\n"),
        ("kubectl cp a b c", "error: source and destination are required\n"),
        (
            "kubectl cp index.html copy.html",
            "error: one of src or dest must be a remote file specification\n",
        ),
        (
            "kubectl cp web-0:/a bb:/b",
            "error: one of src or dest must be a local file specification\n",
        ),
        (
            "kubectl cp :/a b",
            "error: filespec must match the canonical format: [[namespace/]pod:]file/path\n",
        ),
        (
            "kubectl cp a/b/c:/x y",
            "error: filespec must match the canonical format: [[namespace/]pod:]file/path\n",
        ),
        ("kubectl cp web-0: out", "error: filepath can not be empty\n"),
        (
            "kubectl cp --retries=many web-0:/a b",
            "error: invalid argument \"many\" for \"--retries\" flag: strconv.ParseInt: parsing \"many\": invalid syntax\nSee 'kubectl cp --help' for usage.\n",
        ),
        (
            "kubectl cp --preserve web-0:/a b",
            "error: unknown flag: --preserve\nSee 'kubectl cp --help' for usage.\n",
        ),
    ];
    for (cmd, want) in cases {
        let (code, out, err) = run(&mut c, cmd);
        assert_eq!((code, out.as_str(), err.as_str()), (1, "", want), "{cmd}");
    }
    // --no-preserve is kubectl's (ownership is not simulated; the copy works).
    let (code, _, err) = run(&mut c, "kubectl cp --no-preserve index.html bb:/tmp/i.html");
    assert_eq!(code, 0, "{err}");
    assert_eq!(run(&mut c, "kubectl exec bb -- cat /tmp/i.html").1, PAGE);
}

#[test]
fn tar_pipes_round_trip_inside_the_containers() {
    let mut c = workshop();
    // GNU tar pads to its 10 KiB record, busybox stops after the end blocks.
    let (_, out, err) = run(
        &mut c,
        "kubectl exec web-0 -- sh -c 'tar cf - /etc/hostname | wc -c'",
    );
    assert_eq!(
        (out.as_str(), err.as_str()),
        ("10240\n", "tar: Removing leading `/' from member names\n")
    );
    let (_, out, _) = run(
        &mut c,
        "kubectl exec bb -- sh -c 'cd /etc && tar cf - hostname | wc -c'",
    );
    assert_eq!(out, "2048\n");
    let (code, out, err) = run(
        &mut c,
        "kubectl exec bb -- sh -c 'mkdir -p /src/sub /dst && echo a > /src/sub/f && tar cf - -C / src | tar xvf - -C /dst && cat /dst/src/sub/f && tar cf - -C / src | tar tf -'",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "src/\nsrc/sub/\nsrc/sub/f\na\nsrc/\nsrc/sub/\nsrc/sub/f\n"
    );
    // Compression is refused, saying so; a non-archive is not read.
    let (code, _, err) = run(&mut c, "kubectl exec web-0 -- tar czf /tmp/x.tgz /etc");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("tar: gzip compression is not simulated in Ordinal"),
        "{err}"
    );
    let (code, _, err) = run(&mut c, "kubectl exec web-0 -- sh -c 'echo hi | tar xf -'");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n"
    );
}

/// An archive written to the terminal shows as a terminal shows NUL bytes:
/// not at all; through a pipe the bytes are all there.
#[test]
fn an_archive_on_the_terminal_shows_no_nul_bytes() {
    let t = support::console::transcript(
        "kubectl run t --image=busybox:1.36 -- sleep 3600\nsleep 10\n\
         kubectl exec t -- tar cf - /etc/hostname\n\
         kubectl exec t -- sh -c 'tar cf - /etc/hostname | wc -c'\n",
    );
    assert!(!t.contains('\0'), "{t:?}");
    assert!(t.contains("etc/hostname"), "{t}");
    assert!(t.contains("\n2048\n"), "{t}");
}
