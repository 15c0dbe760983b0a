//! What the API server does to a Service update before validating it
//! (pkg/registry/core/service: `patchAllocatedValues`, `normalizeClusterIPs`
//! and the strategy's `dropTypeDependentFields`), and the warnings it sends
//! back for a Service (pkg/api/service/warnings.go, 1.35), as `kubectl
//! apply` shows them. R7.12 and R9.14 stay as they were: a headless
//! Service cannot become a ClusterIP one in place.

use crate::support;

use ordinal::console::Console;
use support::console::run;

fn apply_stdin(c: &mut Console, yaml: &str) -> (i32, String, String) {
    run(c, &format!("kubectl apply -f - <<'EOF'\n{yaml}EOF"))
}

fn jsonpath(c: &mut Console, what: &str, path: &str) -> String {
    let (code, out, err) = run(c, &format!("kubectl get {what} -o jsonpath='{path}'"));
    assert_eq!(code, 0, "{err}");
    out
}

const WITH_EXTERNAL_IPS: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: front\nspec:\n  selector:\n    app: nginx\n  externalIPs: [192.0.2.10]\n  ports:\n  - name: web\n    port: 80\n";
const WITHOUT_EXTERNAL_IPS: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: front\nspec:\n  selector:\n    app: nginx\n  ports:\n  - name: web\n    port: 80\n";

/// A ClusterIP Service with external IPs is externally accessible: it gets
/// `externalTrafficPolicy: Cluster`; removing the IPs drops it again (the
/// upstream integration test "removing external IPs drops external traffic
/// policy"), where validation would otherwise refuse the update.
#[test]
fn removing_external_ips_drops_the_defaulted_external_traffic_policy() {
    let mut c = Console::new(1);
    let (code, _, err) = apply_stdin(&mut c, WITH_EXTERNAL_IPS);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        jsonpath(&mut c, "svc front", "{.spec.externalTrafficPolicy}"),
        "Cluster"
    );
    let (code, out, err) = apply_stdin(&mut c, WITHOUT_EXTERNAL_IPS);
    assert_eq!(
        (code, out.as_str()),
        (0, "service/front configured\n"),
        "{err}"
    );
    assert_eq!(
        jsonpath(&mut c, "svc front", "{.spec.externalTrafficPolicy}"),
        ""
    );
    assert_eq!(jsonpath(&mut c, "svc front", "{.spec.externalIPs}"), "");
}

/// Switching a ClusterIP Service to ExternalName drops the IPs it was
/// given (they go back to the pool), and its node ports when it leaves
/// NodePort; a value the user changed at the same time is kept, for
/// validation to judge.
#[test]
fn a_new_type_drops_what_it_does_not_use() {
    let mut c = Console::new(1);
    let node_port = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: NodePort\n  selector:\n    app: db\n  ports:\n  - name: pg\n    port: 5432\n";
    let (code, _, err) = apply_stdin(&mut c, node_port);
    assert_eq!(code, 0, "{err}");
    let allocated = jsonpath(&mut c, "svc db", "{.spec.ports[0].nodePort}");
    assert!(
        allocated.parse::<u16>().is_ok_and(|p| p >= 30000),
        "{allocated}"
    );
    // NodePort → ClusterIP: the node port goes, the cluster IP stays.
    let ip = jsonpath(&mut c, "svc db", "{.spec.clusterIP}");
    let (code, _, err) = run(
        &mut c,
        "kubectl patch svc db -p '{\"spec\":{\"type\":\"ClusterIP\"}}'",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(jsonpath(&mut c, "svc db", "{.spec.ports[0].nodePort}"), "");
    assert_eq!(
        jsonpath(&mut c, "svc db", "{.spec.externalTrafficPolicy}"),
        ""
    );
    assert_eq!(jsonpath(&mut c, "svc db", "{.spec.clusterIP}"), ip);
    // ClusterIP → ExternalName: the cluster IPs and families go.
    let (code, _, err) = run(
        &mut c,
        "kubectl patch svc db -p '{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\"}}'",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(jsonpath(&mut c, "svc db", "{.spec.clusterIP}"), "");
    assert_eq!(jsonpath(&mut c, "svc db", "{.spec.ipFamilies}"), "");
    let (_, out, _) = run(&mut c, "kubectl get svc db");
    assert!(
        out.contains("db     ExternalName   <none>       db.example.com"),
        "{out}"
    );
}

/// Re-applying a NodePort manifest without `nodePort` keeps the allocated
/// port, found by the port's name (`patchAllocatedValues`).
#[test]
fn node_ports_are_kept_by_port_name() {
    let mut c = Console::new(1);
    let v1 = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: NodePort\n  selector:\n    app: db\n  ports:\n  - name: pg\n    port: 5432\n";
    apply_stdin(&mut c, v1);
    let allocated = jsonpath(&mut c, "svc db", "{.spec.ports[0].nodePort}");
    // The same port name on another port number keeps its node port.
    let v2 = v1.replace("port: 5432", "port: 6432");
    let (code, _, err) = apply_stdin(&mut c, &v2);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        jsonpath(&mut c, "svc db", "{.spec.ports[0].nodePort}"),
        allocated
    );
}

/// kubernetes#132214 and #134054: a headless Service warns about what it
/// ignores (session affinity only when it is ClientIP: 1.34.0 warned for
/// every headless Service); the warnings come before the result line.
#[test]
fn a_headless_service_warns_about_what_it_ignores() {
    let mut c = Console::new(1);
    let plain = "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n  - port: 80\n";
    let (code, out, err) = apply_stdin(&mut c, plain);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "service/nginx created\n", "")
    );
    let affinity = plain.replace(
        "  clusterIP: None\n",
        "  clusterIP: None\n  sessionAffinity: ClientIP\n  externalIPs: [192.0.2.10]\n",
    );
    let (code, _, err) = apply_stdin(&mut c, &affinity);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "Warning: spec.externalIPs is ignored for headless services\nWarning: spec.SessionAffinity is ignored for headless services\n"
    );
    let all = c
        .run(&format!(
            "kubectl apply -f - <<'EOF'\n{}EOF",
            affinity.replace("name: nginx", "name: other")
        ))
        .to_string();
    let warned = all.find("Warning: spec.SessionAffinity").expect(&all);
    let created = all.find("service/other created").expect(&all);
    assert!(warned < created, "{all}");
    // The deprecated names.
    let deprecated = "apiVersion: v1\nkind: Service\nmetadata:\n  name: zoned\n  annotations:\n    service.kubernetes.io/topology-aware-hints: auto\nspec:\n  selector:\n    app: nginx\n  trafficDistribution: PreferClose\n  externalName: ignored.example.com\n  ports:\n  - port: 80\n";
    let (code, _, err) = apply_stdin(&mut c, deprecated);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "Warning: annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead\nWarning: spec.externalName is ignored when spec.type is not \"ExternalName\"\nWarning: spec.trafficDistribution: \"PreferClose\" is deprecated; use \"PreferSameZone\"\n"
    );
}

/// `GetWarningsForPodTemplate` through the StatefulSet strategy (template
/// first, then the claim templates, then the history limit), and
/// `GetWarningsForPod` for a Pod, as kubectl prints them: deprecated node
/// labels, a hidden env var, a duplicate port, a negative grace period, a
/// null label selector, fractional bytes.
#[test]
fn a_template_warns_as_the_statefulset_strategy_does() {
    let mut c = Console::new(1);
    let sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  revisionHistoryLimit: -1\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      terminationGracePeriodSeconds: -5\n      nodeSelector:\n        beta.kubernetes.io/os: linux\n      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - topologyKey: kubernetes.io/hostname\n      containers:\n      - name: nginx\n        image: registry.k8s.io/nginx-slim:0.21\n        env:\n        - name: MODE\n          value: a\n        - name: MODE\n          value: b\n        resources:\n          requests:\n            memory: 100m\n        ports:\n        - containerPort: 80\n        - containerPort: 80\n  volumeClaimTemplates:\n  - metadata:\n      name: www\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 500m\n";
    let (code, out, err) = apply_stdin(&mut c, sts);
    assert_eq!(
        (code, out.as_str()),
        (0, "statefulset.apps/web created\n"),
        "{err}"
    );
    assert_eq!(
        err,
        "Warning: spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use \"kubernetes.io/os\" instead\n\
         Warning: spec.template.spec.containers[0].resources.requests[memory]: fractional byte value \"100m\" is invalid, must be an integer\n\
         Warning: spec.template.spec.containers[0].env[1]: hides previous definition of \"MODE\", which may be dropped when using apply\n\
         Warning: spec.template.spec.containers[0].ports[1]: duplicate port definition with spec.template.spec.containers[0].ports[0]\n\
         Warning: spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1\n\
         Warning: spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod\n\
         Warning: spec.volumeClaimTemplates[0].resources.requests[storage]: fractional byte value \"500m\" is invalid, must be an integer\n\
         Warning: spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended\n"
    );
    // An env var that builds on the one before it is not hidden.
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.28\n    command: [sleep, '3600']\n    env:\n    - name: PATH\n      value: /a\n    - name: PATH\n      value: $(PATH):/b\n";
    let (code, _, err) = apply_stdin(&mut c, pod);
    assert_eq!((code, err.as_str()), (0, ""));
    let pod2 = pod
        .replace("name: p\n", "name: q\n")
        .replace("$(PATH):/b", "/b");
    let (_, _, err) = apply_stdin(&mut c, &pod2);
    assert_eq!(
        err,
        "Warning: spec.containers[0].env[1]: hides previous definition of \"PATH\", which may be dropped when using apply\n"
    );
    // The controller's own writes (the Pods it makes from the template)
    // warn nobody: the next command prints none.
    let (_, _, err) = run(&mut c, "sim settle");
    assert!(!err.contains("Warning"), "{err}");
}
