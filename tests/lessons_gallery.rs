//! The examples gallery: each manifest passes `ordinal check` (kubectl's and
//! the API server's validation) without a word, applies unmodified to a
//! fresh cluster, its Pods become Running and Ready in ordinal order, its
//! Service is headless, and every peer name the example lists resolves,
//! from a Pod in the namespace, to exactly that member's IP.

use ordinal::console::Console;
use ordinal::lessons::check::{Cond, DnsCond, ReadyCond, ServiceCond, SetRef};
use ordinal::lessons::{self, Snapshot};
use ordinal::manifest;

fn dns(name: &str, pod: &str) -> Cond {
    Cond::Dns(DnsCond {
        name: name.into(),
        from: "default".into(),
        ns: "default".into(),
        qtype: "A".into(),
        ready: None,
        all: None,
        pod: Some(pod.into()),
        cluster_ip: None,
        nxdomain: None,
        count: None,
    })
}

#[test]
fn every_example_validates_applies_and_comes_up_in_order() {
    assert_eq!(lessons::examples().len(), 7);
    for ex in lessons::examples() {
        let file = ex.file_name();
        let parsed = manifest::parse(&ex.manifest, &file);
        let mut diags: Vec<String> = parsed
            .diagnostics()
            .iter()
            .map(|d| d.render(&file))
            .collect();
        // `server_diagnostics` validates objects before kubectl would fill in
        // the namespace, so every namespaced object without one gets
        // "metadata.namespace: Required value" (upstream web.yaml too);
        // reported as a bug in the manifest module, ignored here.
        diags.extend(
            manifest::validate::server_diagnostics(&parsed)
                .iter()
                .filter(|d| d.message != "metadata.namespace: Required value")
                .map(|d| d.render(&file)),
        );
        assert!(diags.is_empty(), "{}: {diags:#?}", ex.id);

        let mut console = Console::new(1);
        console.put_file(&file, &ex.manifest);
        let t = lessons::play(
            &format!(
                "kubectl apply -f {file}\nkubectl rollout status sts/{} --timeout=20m\nkubectl get pods -w -l app={}",
                ex.set, ex.set
            ),
            &mut console,
        );
        for e in &t.entries {
            assert_eq!(
                e.status,
                0,
                "{}: `{}`:\n{}",
                ex.id,
                e.lines.join(" "),
                e.output_text()
            );
        }
        let mut conds = vec![
            Cond::Service(ServiceCond {
                name: ex.service.clone(),
                ns: "default".into(),
                exists: true,
                headless: Some(true),
                publish_not_ready: None,
                endpoints: None,
            }),
            Cond::Ready(ReadyCond {
                set: ex.set.clone(),
                ns: "default".into(),
                replicas: ex.replicas,
            }),
            Cond::Ordered(SetRef {
                set: ex.set.clone(),
                ns: "default".into(),
            }),
        ];
        assert_eq!(
            ex.peers.len() as i64,
            ex.replicas,
            "{}: one peer name per member",
            ex.id
        );
        for peer in &ex.peers {
            let pod = peer.split('.').next().unwrap();
            conds.push(dns(peer, pod));
        }
        let base = Snapshot::take(console.engine());
        let v = lessons::evaluate(&conds, &console, &base);
        assert!(
            v.passed,
            "{}: {}\n{t}",
            ex.id,
            v.hint(lessons::Lang::En).unwrap_or("")
        );
    }
}
