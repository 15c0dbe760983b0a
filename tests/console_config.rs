//! `kubectl config` and the global flags that pick a context, cluster or
//! user, answered as the kubectl 1.33 client answers them against kind's
//! kubeconfig (each expected text below was printed by that client with a
//! kubeconfig of the same shape).

use crate::support::console::transcript as run;

#[test]
fn get_contexts_lists_the_names_asked_for_and_fails_on_the_others() {
    let out = run("kubectl config get-contexts -o name\nkubectl config get-contexts a b\necho $?\nkubectl config get-contexts kind-ordinal a\nkubectl config get-contexts -o foo\nkubectl config get-contexts --no-headers");
    assert_eq!(
        out,
        "$ kubectl config get-contexts -o name\nkind-ordinal\n\
         $ kubectl config get-contexts a b\nCURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\ncontext a not found\ncontext b not found\n\
         $ echo $?\n1\n\
         $ kubectl config get-contexts kind-ordinal a\nCURRENT   NAME           CLUSTER        AUTHINFO       NAMESPACE\n*         kind-ordinal   kind-ordinal   kind-ordinal   \nerror: context a not found\n\
         $ kubectl config get-contexts -o foo\nerror: --output foo is not available in kubectl config get-contexts; resetting to default output format\n\
         $ kubectl config get-contexts --no-headers\n*     kind-ordinal   kind-ordinal   kind-ordinal   \n"
    );
}

#[test]
fn get_clusters_and_get_users_name_kinds_entries() {
    let out = run("kubectl config get-clusters\nkubectl config get-users extra\nkubectl config get-users --no-headers");
    assert_eq!(
        out,
        "$ kubectl config get-clusters\nNAME\nkind-ordinal\n\
         $ kubectl config get-users extra\nNAME\nkind-ordinal\n\
         $ kubectl config get-users --no-headers\nerror: unknown flag: --no-headers\nSee 'kubectl config get-users --help' for usage.\n"
    );
}

/// `set-context NAME` changes the context named, as `--current` does;
/// without either, or with both, kubectl refuses; an empty namespace
/// unsets it and kubectl goes back to `default`.
#[test]
fn set_context_by_name_or_current_sets_the_namespace_kubectl_uses() {
    let out = run("kubectl create namespace web >/dev/null\nkubectl config set-context\nkubectl config set-context kind-ordinal --current\nkubectl config set-context $(kubectl config current-context) --namespace=web\nkubectl config get-contexts\nkubectl create configmap c\nkubectl get configmap c -o jsonpath='{.metadata.namespace}'; echo\nkubectl config set-context --current --namespace=\nkubectl config view --minify -o jsonpath='{..namespace}'; echo\nkubectl get configmap c");
    assert_eq!(
        out,
        "$ kubectl create namespace web >/dev/null\n\
         $ kubectl config set-context\nerror: you must specify a non-empty context name or --current\n\
         $ kubectl config set-context kind-ordinal --current\nerror: you cannot specify both a context name and --current\n\
         $ kubectl config set-context $(kubectl config current-context) --namespace=web\nContext \"kind-ordinal\" modified.\n\
         $ kubectl config get-contexts\nCURRENT   NAME           CLUSTER        AUTHINFO       NAMESPACE\n*         kind-ordinal   kind-ordinal   kind-ordinal   web\n\
         $ kubectl create configmap c\nconfigmap/c created\n\
         $ kubectl get configmap c -o jsonpath='{.metadata.namespace}'; echo\nweb\n\
         $ kubectl config set-context --current --namespace=\nContext \"kind-ordinal\" modified.\n\
         $ kubectl config view --minify -o jsonpath='{..namespace}'; echo\n\n\
         $ kubectl get configmap c\nError from server (NotFound): configmaps \"c\" not found\n"
    );
}

/// `-o json` prints the typed Config: its fields in the Go struct's order
/// (the YAML printer sorts them); `--flatten` shows the credentials as
/// `--raw` does.
#[test]
fn view_prints_json_in_the_structs_order_and_flatten_shows_the_data() {
    let out =
        run("kubectl config set-context --current --namespace=web\nkubectl config view -o json");
    let json = out.split("kubectl config view -o json\n").nth(1).unwrap();
    assert_eq!(
        json,
        "{\n    \"kind\": \"Config\",\n    \"apiVersion\": \"v1\",\n    \"preferences\": {},\n    \"clusters\": [\n        {\n            \"name\": \"kind-ordinal\",\n            \"cluster\": {\n                \"server\": \"https://127.0.0.1:6443\",\n                \"certificate-authority-data\": \"DATA+OMITTED\"\n            }\n        }\n    ],\n    \"users\": [\n        {\n            \"name\": \"kind-ordinal\",\n            \"user\": {\n                \"client-certificate-data\": \"DATA+OMITTED\",\n                \"client-key-data\": \"DATA+OMITTED\"\n            }\n        }\n    ],\n    \"contexts\": [\n        {\n            \"name\": \"kind-ordinal\",\n            \"context\": {\n                \"cluster\": \"kind-ordinal\",\n                \"user\": \"kind-ordinal\",\n                \"namespace\": \"web\"\n            }\n        }\n    ],\n    \"current-context\": \"kind-ordinal\"\n}\n"
    );
    for flag in ["--raw", "--flatten"] {
        let out = run(&format!(
            "kubectl config view {flag} -o jsonpath='{{.users[0].user.client-key-data}}'"
        ));
        let data = out.lines().nth(1).unwrap();
        assert!(
            !data.contains("DATA+OMITTED") && data.len() > 40,
            "{flag}: {out}"
        );
        assert!(
            data.starts_with("LS0tLS1CRUdJTi"),
            "{flag}: base64 of a PEM block: {out}"
        );
    }
    let out = run("kubectl config view -o name\nkubectl config view --merge=false\nkubectl config view --minify --context=nope");
    assert_eq!(
        out,
        "$ kubectl config view -o name\nconfig/<unknown>\n\
         $ kubectl config view --merge=false\nerror: if merge==false a precise file must be specified\n\
         $ kubectl config view --minify --context=nope\nerror: cannot locate context nope\n"
    );
}

/// clientcmd's overrides: a context, cluster or user the kubeconfig does
/// not have fails before any request. Commands that read their namespace
/// first meet the loader's validation; those that build the REST client
/// first meet the client config's words.
#[test]
fn a_context_cluster_or_user_that_does_not_exist_fails_before_any_request() {
    let out = run("kubectl get pods --context=nope\necho $?\nkubectl apply -f web.yaml --context=nope\nkubectl delete pod web-0 --cluster=nope\nkubectl create namespace x --cluster=nope\nkubectl logs web-0 --user=nope\nkubectl create deployment d --context=nope\nkubectl version --client --context=nope\nkubectl get ns default --context=kind-ordinal --cluster=kind-ordinal --user=kind-ordinal");
    assert_eq!(
        out,
        "$ kubectl get pods --context=nope\nError in configuration: context was not found for specified context: nope\n\
         $ echo $?\n1\n\
         $ kubectl apply -f web.yaml --context=nope\nerror: context \"nope\" does not exist\n\
         $ kubectl delete pod web-0 --cluster=nope\nerror: no server found for cluster \"nope\"\n\
         $ kubectl create namespace x --cluster=nope\nerror: cluster \"nope\" does not exist\n\
         $ kubectl logs web-0 --user=nope\nerror: auth info \"nope\" does not exist\n\
         $ kubectl create deployment d --context=nope\nerror: required flag(s) \"image\" not set\n\
         $ kubectl version --client --context=nope\nClient Version: v1.35.0\nKustomize Version: v5.7.1\n\
         $ kubectl get ns default --context=kind-ordinal --cluster=kind-ordinal --user=kind-ordinal\nNAME      STATUS   AGE\ndefault   Active   0s\n"
    );
}
