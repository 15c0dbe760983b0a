//! `kubectl kustomize` and `-k DIR`, and `-f DIR` with `-R`: manifests laid
//! out in folders, as real projects keep them. The expected builds in
//! tests/fixtures/kustomize/*/expected.{yaml,err} are what kubectl 1.33
//! (kustomize v5.6.0) printed for the same folders
//! (`kubectl kustomize DIR > DIR/expected.yaml 2> DIR/expected.err`; in
//! nested/, the errors' absolute paths rewritten to the console's home).

use std::path::{Path, PathBuf};
use std::rc::Rc;

use ordinal::console::Console;

use crate::support::console::{fails, ok, run};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kustomize")
}

/// A console reading and listing the kustomize fixtures, as `ordinal run`
/// reads the folder beside its script.
fn console() -> Console {
    let mut c = Console::new(1);
    let dir = fixtures();
    let d = dir.clone();
    c.set_file_reader(Rc::new(move |path: &str| {
        std::fs::read_to_string(d.join(path)).map_err(|_| "No such file or directory".to_string())
    }));
    c.set_dir_lister(Rc::new(move |path: &str| {
        let entries = std::fs::read_dir(dir.join(path)).ok()?;
        let mut out: Vec<(String, bool)> = entries
            .filter_map(Result::ok)
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.path().is_dir(),
                )
            })
            .collect();
        out.sort();
        Some(out)
    }));
    c
}

fn expected(case: &str) -> (String, String) {
    let d = fixtures().join(case);
    (
        std::fs::read_to_string(d.join("expected.yaml")).unwrap(),
        std::fs::read_to_string(d.join("expected.err")).unwrap(),
    )
}

fn builds_as_kubectl_does(case: &str) {
    let mut c = console();
    let (code, out, err) = run(&mut c, &format!("kubectl kustomize {case}"));
    let (want_out, want_err) = expected(case);
    let want_code = i32::from(want_err.lines().any(|l| l.starts_with("error: ")));
    assert_eq!(code, want_code, "{case}: {err}");
    assert_eq!(out, want_out, "{case}: the build differs from kubectl's");
    assert_eq!(err, want_err, "{case}: the warnings differ from kubectl's");
}

#[test]
fn an_overlay_of_a_statefulset_builds_as_kubectl_builds_it() {
    // namespace, namePrefix, commonLabels (selectors, templates and the
    // claim templates), a generated ConfigMap's hash and the reference to
    // it, a Secret, images, replicas, serviceName following the prefix.
    builds_as_kubectl_does("web-overlay/dev");
}

#[test]
fn generators_build_as_kubectl_builds_them() {
    // files, env files, literals, an empty ConfigMap, options and
    // generatorOptions, a Secret's type; the hash does not change with a
    // suffix added above it (kustomize hashes the data, not the name).
    builds_as_kubectl_does("generators/base");
    builds_as_kubectl_does("generators/over");
}

#[test]
fn patches_build_as_kubectl_builds_them() {
    // A strategic merge patch by name, a JSON 6902 patch by target, a
    // `$patch: delete`, and the deprecated patchesStrategicMerge.
    builds_as_kubectl_does("patches");
}

#[test]
fn references_labels_and_order_build_as_kubectl_builds_them() {
    // Name references (service account, role, claim, autoscaler target,
    // serviceName), `labels` with and without selectors and templates,
    // annotations, a Namespace renamed, kustomize's legacy output order.
    builds_as_kubectl_does("refs");
}

#[test]
fn sort_options_order_the_build_as_kubectl_orders_it() {
    // Only the top kustomization sorts: a base's own order is the order
    // its resources were read in (fifo), the legacy order puts the
    // Namespace first and the PodDisruptionBudget after the set, custom
    // lists replace both defaults (empty ones leave kustomize's GVK
    // order), and a bad `order` or lists with fifo are refused.
    for case in [
        "sort/base",
        "sort/fifo",
        "sort/legacy",
        "sort/custom",
        "sort/empty-lists",
        "sort/bad-order",
        "sort/fifo-with-lists",
    ] {
        builds_as_kubectl_does(case);
    }
}

#[test]
fn nested_kustomizations_fail_as_kubectl_says() {
    // A folder without a kustomization, the same base twice, an error two
    // folders down (each level says what it tried), and cycles: a
    // kustomization naming the folder that holds it. The expected errors
    // are kubectl's with the fixtures' folder shown as /home/learner.
    for case in [
        "nested/a",
        "nested/d",
        "nested/e",
        "nested/f",
        "nested/f/sub",
    ] {
        builds_as_kubectl_does(case);
    }
}

#[test]
fn replacements_build_as_kubectl_builds_them() {
    // A Service's name into serviceName and an env value, a ConfigMap's
    // string into an int field (it stays an int), a wildcard path that
    // makes the env entry a container lacks, delimited parts of a value
    // in and out, a map copied whole, replacements read from a file with
    // a reject list; and each of kustomize's errors.
    for case in [
        "replacements/ok",
        "replacements/from-file",
        "replacements/nothing-selected",
        "replacements/many-selected",
        "replacements/source-field-missing",
        "replacements/target-field-missing",
        "replacements/no-select",
        "replacements/no-targets",
        "replacements/index-out-of-bounds",
        "replacements/file-missing",
    ] {
        builds_as_kubectl_does(case);
    }
}

#[test]
fn files_outside_a_kustomizations_folder_are_refused_unless_unrestricted() {
    // LoadRestrictionsRootOnly, as each kind of source words it, and the
    // errors for missing generator and patch files.
    for case in [
        "restrict/gen-files",
        "restrict/gen-envs",
        "restrict/patch",
        "restrict/psm",
        "restrict/json6902",
        "restrict/replacements",
        "restrict/resources",
        "restrict/missing-files",
        "restrict/missing-envs",
        "restrict/missing-psm",
    ] {
        builds_as_kubectl_does(case);
    }
    let mut c = console();
    let (want, _) = expected("restrict/none");
    assert_eq!(
        ok(
            &mut c,
            "kubectl kustomize restrict/none --load-restrictor=LoadRestrictionsNone"
        ),
        want
    );
    assert!(fails(&mut c, "kubectl apply -k restrict/none").contains("security; file"));
    assert_eq!(
        fails(&mut c, "kubectl kustomize restrict/none --load-restrictor=foo"),
        "error: illegal flag value --load-restrictor foo; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]\n"
    );
}

#[test]
fn build_metadata_writes_origins_and_the_managed_by_label() {
    // Origins name each object's file or generator from the top folder,
    // through a base and a Component; a generated ConfigMap merged in the
    // overlay keeps its base's origin.
    builds_as_kubectl_does("metadata/over");
}

#[test]
fn components_build_as_kubectl_builds_them() {
    // Two Components on one base: their resources, generators, replicas,
    // patches, labels and images join the overlay's build in order; a
    // Component alone, a missing or file path, a Kustomization named as
    // a component, a Component named as a base, and an error inside one
    // are told as kubectl tells them.
    for case in [
        "components/overlay",
        "components/comp-ha",
        "components/bad-missing",
        "components/bad-file",
        "components/bad-kind",
        "components/base-is-comp",
        "components/bad-comp-patch",
        // A missing patch file: each plugin quotes its config its own way.
        "patch-errors/target",
        "patch-errors/json6902",
    ] {
        builds_as_kubectl_does(case);
    }
}

#[test]
fn output_to_a_folder_writes_one_file_per_object_as_kubectl_names_them() {
    // The names kubectl 1.33 wrote for `kubectl kustomize
    // components/overlay -o DIR`; each file holds its object as in the
    // one-stream build.
    let mut c = console();
    ok(
        &mut c,
        "mkdir out && kubectl kustomize components/overlay -o out",
    );
    assert_eq!(
        ok(&mut c, "ls -1 out"),
        "apps_v1_statefulset_prod-web.yaml\npolicy_v1_poddisruptionbudget_prod-web.yaml\nv1_configmap_prod-ha-settings-kbthhh7hcm.yaml\nv1_service_prod-nginx.yaml\n"
    );
    let (stream, _) = expected("components/overlay");
    let service = ok(&mut c, "cat out/v1_service_prod-nginx.yaml");
    assert!(
        service.starts_with("apiVersion: v1\nkind: Service\n"),
        "{service}"
    );
    assert!(stream.contains(&service), "{service}");
    assert_eq!(
        fails(
            &mut c,
            "kubectl kustomize components/overlay -o nodir/x.yaml"
        ),
        "error: open nodir/x.yaml: no such file or directory\n"
    );
}

#[test]
fn apply_k_creates_what_the_build_holds_and_the_statefulset_runs() {
    let mut c = console();
    let (code, out, err) = run(
        &mut c,
        "kubectl create namespace demo && kubectl apply -k web-overlay/dev",
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("'commonLabels' is deprecated"), "{err}");
    assert_eq!(
        out,
        "namespace/demo created\nconfigmap/dev-cfg-6b56fdfggc created\nsecret/dev-pw-m4d885dchh created\nservice/dev-nginx created\nstatefulset.apps/dev-web created\n"
    );
    run(&mut c, "sim settle");
    let pods = ok(&mut c, "kubectl get pods -n demo -o name");
    assert_eq!(pods, "pod/dev-web-0\npod/dev-web-1\npod/dev-web-2\n");
    // The generated ConfigMap reached the container's environment.
    let env = ok(&mut c, "kubectl exec -n demo dev-web-0 -- env");
    assert!(env.contains("A=1\n") && env.contains("B=two\n"), "{env}");
    // -k reads the same build for get and delete.
    let got = ok(&mut c, "kubectl get -k web-overlay/dev -o name");
    assert!(got.contains("statefulset.apps/dev-web\n"), "{got}");
    let (code, out, _) = run(&mut c, "kubectl delete -k web-overlay/dev --wait=false");
    assert_eq!(code, 0);
    assert!(
        out.contains("statefulset.apps \"dev-web\" deleted"),
        "{out}"
    );
}

#[test]
fn kustomize_errors_are_kubectls() {
    let mut c = console();
    let err = fails(&mut c, "kubectl kustomize nothere");
    assert_eq!(
        err,
        "error: must build at directory: not a valid directory: evalsymlink failure on 'nothere' : lstat /home/learner/nothere: no such file or directory\n"
    );
    c.run("mkdir empty");
    let err = fails(&mut c, "kubectl apply -k empty");
    assert_eq!(
        err,
        "error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/home/learner/empty'\n"
    );
    let err = fails(&mut c, "kubectl apply -k patches -f patches/sts.yaml");
    assert_eq!(err, "error: only one of -f or -k can be specified\n");
    let err = fails(&mut c, "kubectl apply -k patches -R");
    assert_eq!(err, "error: the -k flag can't be used with -f or -R\n");
    c.run("mkdir bad && printf 'foo: 1\\n' > bad/kustomization.yaml");
    let err = fails(&mut c, "kubectl kustomize bad");
    assert_eq!(
        err,
        "error: invalid Kustomization: json: unknown field \"foo\"\n"
    );
    c.run("mkdir dup && printf 'resources:\\n- a.yaml\\n- a.yaml\\n' > dup/kustomization.yaml && printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: a\\n' > dup/a.yaml");
    let err = fails(&mut c, "kubectl kustomize dup");
    assert_eq!(
        err,
        "error: accumulating resources: accumulation err='merging resources from 'a.yaml': may not add resource with an already registered id: ConfigMap.v1.[noGrp]/a.[noNs]': must build at directory: '/home/learner/dup/a.yaml': file is not directory\n"
    );
    // Nothing was created by the failed applies.
    let (_, out, _) = run(&mut c, "kubectl get cm -o name");
    assert_eq!(out, "configmap/kube-root-ca.crt\n");
}

#[test]
fn apply_f_reads_a_directorys_manifests_and_recurses_only_with_r() {
    let mut c = Console::new(1);
    c.run("mkdir -p app/extra");
    for (path, name) in [
        ("app/a.yaml", "a"),
        ("app/b.yml", "b"),
        ("app/extra/c.json", "c"),
    ] {
        let text = if path.ends_with(".json") {
            format!("{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\"}}}}")
        } else {
            format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n")
        };
        c.write_file(path, &text, false).unwrap();
    }
    c.write_file("app/notes.txt", "not a manifest", false)
        .unwrap();
    assert_eq!(
        ok(&mut c, "kubectl apply -f app/"),
        "configmap/a created\nconfigmap/b created\n"
    );
    assert_eq!(
        ok(&mut c, "kubectl apply -f app -R"),
        "configmap/a unchanged\nconfigmap/b unchanged\nconfigmap/c created\n"
    );
    // A file named on the command line is read whatever its extension.
    let err = fails(&mut c, "kubectl apply -f app/notes.txt");
    assert!(err.contains("notes.txt"), "{err}");
    c.run("mkdir none");
    assert_eq!(
        fails(&mut c, "kubectl apply -f none"),
        "error: error reading [none]: recognized file extensions are [.json .yaml .yml]\n"
    );
    assert_eq!(ok(&mut c, "ls app"), "a.yaml  b.yml  extra  notes.txt\n");
    // GNU's -R: each folder titled, its subfolders after it, named as typed.
    assert_eq!(
        ok(&mut c, "ls -R app/"),
        "app/:\na.yaml  b.yml  extra  notes.txt\n\napp/extra:\nc.json\n"
    );
    assert_eq!(
        ok(&mut c, "rm -r app/extra && ls app"),
        "a.yaml  b.yml  notes.txt\n"
    );
    assert_eq!(
        fails(&mut c, "mkdir app"),
        "mkdir: cannot create directory 'app': File exists\n"
    );
}

#[test]
fn cp_mv_and_touch_lay_out_folders_as_coreutils_does() {
    // The expected texts are GNU coreutils 9.1's (Debian 12).
    let mut c = Console::new(1);
    c.run("mkdir -p k/base && printf 'a: 1\\n' > k/base/r.yaml");
    assert_eq!(
        fails(&mut c, "cp k k2"),
        "cp: -r not specified; omitting directory 'k'\n"
    );
    ok(&mut c, "cp -r k k2");
    assert_eq!(ok(&mut c, "ls -R k2"), "k2:\nbase\n\nk2/base:\nr.yaml\n");
    assert_eq!(
        fails(&mut c, "cp -r k k/inner"),
        "cp: cannot copy a directory, 'k', into itself, 'k/inner'\n"
    );
    assert_eq!(
        fails(&mut c, "cp nothere x"),
        "cp: cannot stat 'nothere': No such file or directory\n"
    );
    assert_eq!(
        fails(&mut c, "cp k/base/r.yaml nodir/x.yaml"),
        "cp: cannot create regular file 'nodir/x.yaml': No such file or directory\n"
    );
    assert_eq!(
        fails(&mut c, "cp k/base/r.yaml k/base/r.yaml k/base/r.yaml"),
        "cp: target 'k/base/r.yaml': Not a directory\n"
    );
    ok(
        &mut c,
        "cp k/base/r.yaml k2/ && mv k2/r.yaml k2/s.yaml && mv k2 k3",
    );
    assert_eq!(ok(&mut c, "ls k3 && cat k3/s.yaml"), "base  s.yaml\na: 1\n");
    let (code, _, err) = run(&mut c, "ls k2");
    assert_eq!(
        (code, err.as_str()),
        (2, "ls: cannot access 'k2': No such file or directory\n")
    );
    assert_eq!(
        fails(&mut c, "touch k3/t.yaml nodir/t"),
        "touch: cannot touch 'nodir/t': No such file or directory\n"
    );
    assert_eq!(ok(&mut c, "ls k3"), "base  s.yaml  t.yaml\n");
    assert_eq!(
        fails(&mut c, "mv"),
        "mv: missing file operand\nTry 'mv --help' for more information.\n"
    );
    // A redirection into a folder that does not exist fails, as in a shell.
    let (code, _, err) = run(&mut c, "echo x > nodir/k.yaml");
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "sh: can't create nodir/k.yaml: No such file or directory\n"
        )
    );
}

#[test]
fn ls_l_shows_the_learners_files_with_their_times() {
    // The expected texts are GNU coreutils 9.1's (Debian 12).
    let mut c = Console::new(1);
    c.run("mkdir -p k/base");
    c.run("sleep 90");
    c.run("printf 'apiVersion: v1\\nkind: ConfigMap\\n' > k/base/cm.yaml; echo hi > ~/notes.txt");
    assert_eq!(
        ok(&mut c, "ls -l"),
        "total 8\ndrwxr-xr-x 3 learner learner 4096 Jan  5 09:01 k\n-rw-r--r-- 1 learner learner    3 Jan  5 09:01 notes.txt\n"
    );
    // A folder's time is when something below it last changed; -a adds
    // the folder itself and its parent; files named alone have no total
    // and come in name order.
    assert_eq!(
        ok(&mut c, "ls -la k"),
        "total 12\ndrwxr-xr-x 3 learner learner 4096 Jan  5 09:01 .\ndrwxr-xr-x 3 learner learner 4096 Jan  5 09:01 ..\ndrwxr-xr-x 2 learner learner 4096 Jan  5 09:01 base\n"
    );
    assert_eq!(
        ok(&mut c, "ls -l k/base/cm.yaml ~/notes.txt"),
        "-rw-r--r-- 1 learner learner  3 Jan  5 09:01 /home/learner/notes.txt\n-rw-r--r-- 1 learner learner 31 Jan  5 09:01 k/base/cm.yaml\n"
    );
    assert_eq!(
        ok(&mut c, "ls -lh k"),
        "total 4.0K\ndrwxr-xr-x 2 learner learner 4.0K Jan  5 09:01 base\n"
    );
    // A move keeps the time; touch renews it.
    c.run("sleep 120; mv notes.txt k/notes.txt");
    assert!(ok(&mut c, "ls -l k/notes.txt").contains(" Jan  5 09:01 k/notes.txt"));
    c.run("touch k/notes.txt");
    assert!(ok(&mut c, "ls -l k/notes.txt").contains(" Jan  5 09:03 k/notes.txt"));
    // Removing a file changes its folder now, and the file's time goes
    // with it: a file made again under the same name is new.
    c.run("sleep 120; mkdir k/old; echo x > k/old/gone.txt; sleep 120; rm k/old/gone.txt");
    assert!(ok(&mut c, "ls -l k").contains(" Jan  5 09:07 old\n"));
    c.run("sleep 60; rm -r k/old");
    assert!(ok(&mut c, "ls -la k").contains(" Jan  5 09:08 .\n"));
    c.run("sleep 60; mv k/notes.txt back.txt");
    assert!(ok(&mut c, "ls -la k").contains(" Jan  5 09:09 .\n"));
    assert!(ok(&mut c, "ls -l back.txt").contains(" Jan  5 09:03 back.txt"));
}

#[test]
fn cd_moves_the_working_directory_that_relative_paths_start_from() {
    let mut c = Console::new(1);
    c.run("mkdir -p app/base && cd app");
    assert_eq!(ok(&mut c, "pwd"), "/home/learner/app\n");
    // Writes, listings and kubectl read from the new directory.
    c.run("printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: here\\n' > base/cm.yaml");
    c.run("printf 'resources:\\n- base/cm.yaml\\n' > kustomization.yaml");
    assert_eq!(ok(&mut c, "ls"), "base  kustomization.yaml\n");
    assert_eq!(ok(&mut c, "kubectl apply -k ."), "configmap/here created\n");
    assert_eq!(
        fails(&mut c, "kubectl kustomize nope"),
        "error: must build at directory: not a valid directory: evalsymlink failure on 'nope' : lstat /home/learner/app/nope: no such file or directory\n"
    );
    // ash's errors and `cd -`; a child shell's cd is its own.
    let (code, _, err) = run(&mut c, "cd nope");
    assert_eq!(
        (code, err.as_str()),
        (2, "sh: cd: can't cd to nope: No such file or directory\n")
    );
    let (_, _, err) = run(&mut c, "cd base/cm.yaml");
    assert_eq!(err, "sh: cd: can't cd to base/cm.yaml: Not a directory\n");
    assert_eq!(
        ok(&mut c, "cd base && cat cm.yaml | head -1 && cd -"),
        "apiVersion: v1\n/home/learner/app\n"
    );
    assert_eq!(
        ok(&mut c, "sh -c 'cd base; pwd'; pwd"),
        "/home/learner/app/base\n/home/learner/app\n"
    );
    // Nor does it change where the parent's `cd -` goes back to.
    assert_eq!(
        ok(&mut c, "cd base; cd ..; sh -c 'cd'; cd -"),
        "/home/learner/app/base\n"
    );
    c.run("cd ..");
    // Home again, by `cd` alone; the same files by their other names.
    assert_eq!(
        ok(
            &mut c,
            "cd; pwd; cat app/base/cm.yaml ~/app/kustomization.yaml | wc -l"
        ),
        "/home/learner\n6\n"
    );
}

#[test]
fn a_redirection_needs_the_folder_it_writes_into_wherever_it_is() {
    let mut c = Console::new(1);
    let (code, _, err) = run(&mut c, "echo hi > /nonexistent/dir/f");
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "sh: can't create /nonexistent/dir/f: No such file or directory\n"
        )
    );
    assert!(run(&mut c, "cat /nonexistent/dir/f")
        .2
        .contains("No such file"));
    // The machine's own folders take files; `/` is root's.
    assert_eq!(ok(&mut c, "echo a > /tmp/t.txt; cat /tmp/t.txt"), "a\n");
    let (code, _, err) = run(&mut c, "echo b > /f");
    assert_eq!(
        (code, err.as_str()),
        (2, "sh: can't create /f: Permission denied\n")
    );
}

#[test]
fn cat_writes_each_file_before_it_opens_the_next() {
    // An error about a missing file comes between the others' texts, in
    // the order a terminal shows them.
    let mut c = Console::new(1);
    c.run("printf 'one\\n' > f1.txt");
    let t = c.run("cat f1.txt nope f1.txt");
    assert_eq!(
        t.to_string(),
        "$ cat f1.txt nope f1.txt\none\ncat: can't open 'nope': No such file or directory\none\n"
    );
    assert_eq!(t.status, 1);
    assert_eq!(
        ok(&mut c, "cat -n f1.txt f1.txt"),
        "     1\tone\n     2\tone\n"
    );
}

#[test]
fn pwd_and_oldpwd_follow_cd_as_a_login_shell_keeps_them() {
    let mut c = Console::new(1);
    assert_eq!(ok(&mut c, "echo \"[$PWD]\""), "[/home/learner]\n");
    c.run("mkdir -p d/e && cd d/e");
    assert_eq!(
        ok(&mut c, "echo \"[$PWD] [$OLDPWD]\""),
        "[/home/learner/d/e] [/home/learner]\n"
    );
    c.run("cd -");
    assert_eq!(
        ok(&mut c, "echo \"[$PWD] [$OLDPWD]\""),
        "[/home/learner] [/home/learner/d/e]\n"
    );
    // A failed cd leaves both as they were.
    run(&mut c, "cd nope");
    assert_eq!(ok(&mut c, "echo \"$PWD\""), "/home/learner\n");
}

#[test]
fn ls_lists_one_name_per_line_when_its_output_is_not_the_terminal() {
    // As GNU ls decides by isatty: columns on the console, lines into a
    // pipe, a file or a command substitution.
    let mut c = Console::new(1);
    c.run("touch a.yaml b.yaml c.txt");
    assert_eq!(ok(&mut c, "ls"), "a.yaml  b.yaml  c.txt\n");
    assert_eq!(ok(&mut c, "ls | wc -l"), "3\n");
    assert_eq!(ok(&mut c, "ls | grep yaml"), "a.yaml\nb.yaml\n");
    // The shell makes list.txt before ls runs, so ls lists it too.
    assert_eq!(
        ok(&mut c, "ls > list.txt; cat list.txt"),
        "a.yaml\nb.yaml\nc.txt\nlist.txt\n"
    );
    assert_eq!(
        ok(&mut c, "echo \"$(ls)\""),
        "a.yaml\nb.yaml\nc.txt\nlist.txt\n"
    );
    // Only the stages before the last one write into a pipe.
    assert_eq!(ok(&mut c, "true | ls"), "a.yaml  b.yaml  c.txt  list.txt\n");
}
