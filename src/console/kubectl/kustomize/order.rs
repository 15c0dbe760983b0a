//! The order `kubectl kustomize` / `kustomize build` prints resources in,
//! reproduced from kustomize's `api/internal/builtins/SortOrderTransformer.go`
//! (the "legacy" order; `kyaml/resid/gvk.go` keeps an older copy of its kind
//! lists in `orderFirst` / `orderLast` and `Gvk.IsLessThan`).
//!
//! Is legacy the default? Yes, for kubectl: `api/krusty/kustomizer.go`
//! `applySortOrder` uses the kustomization's `sortOptions` when it has one
//! (`api/types/sortoptions.go`: `order: legacy | fifo`, and for legacy
//! optional `legacySortOptions.orderFirst / orderLast`, which replace the
//! default lists), and otherwise sorts in the legacy order unless the
//! `--reorder` flag said `none`. The flag is unset by default
//! (`kustomize/commands/build/reorderoutput.go` reports "unspecified", which
//! sorts), and `kubectl apply -k` sets `ReorderOptionLegacy` outright
//! (cli-runtime `kustomizevisitor.go`). Only kustomize's library default
//! (`krusty.MakeDefaultOptions`, used by its own tests) is "none".
//!
//! The order, as `legacyIDSorter.Less` has it:
//!
//! 1. By kind rank: the `orderFirst` kinds first, in list order (ranks
//!    -22..-1), then every kind in neither list (rank 0), then the
//!    `orderLast` kinds (1, 2). Only the kind counts here, whatever the
//!    group: a `Deployment` of any API group is a Deployment.
//! 2. Same rank, different group/version/kind: by the string
//!    `group_version_kind`, with `~G`, `~V`, `~K` for an empty part. So
//!    unlisted kinds sort by group first, then version, then kind, and the
//!    core group (`~G`) comes after every named group (`~` is above the
//!    letters). One exception (kustomize v5.5.0 and later, #5458, so every
//!    kubectl from 1.33): when both are `Namespace` and either is in the
//!    core group, the comparison is reversed, so the built-in Namespace
//!    comes before a custom resource of kind Namespace.
//! 3. Same group, version and kind: by `Gvk.String()|namespace|name`, i.e.
//!    `namespace|name` with `~X` for no namespace and `~N` for no name,
//!    compared as one string (so `a|...` and `a-b|...` compare on `|`
//!    against `-`). Objects without a namespace come after those with one.
//!
//! Go's `sort.Sort` is not stable, but kustomize never holds two objects
//! with the same id, so that does not show; here equal objects keep their
//! input order. The comparison is Go's exactly, including the cases where
//! it is not a consistent order (a group spelled `~G`, or Namespace left
//! out of custom lists); a merge sort written here therefore does the
//! sorting, since the standard library's may panic on such a comparison.
//!
//! The printed objects' own keys are sorted too, but not here: kustomize
//! prints each object through `Resource.AsYAML` (JSON of the node, whose
//! map keys Go's `json.Marshal` sorts, then `yaml.JSONToYAML`).

use serde_json::Value;
use std::collections::BTreeMap;

/// kustomize's default `orderFirst` (SortOrderTransformer.go
/// `defaultOrderFirst`, "DO NOT CHANGE!").
pub(crate) const DEFAULT_ORDER_FIRST: &[&str] = &[
    "Namespace",
    "ResourceQuota",
    "StorageClass",
    "CustomResourceDefinition",
    "ServiceAccount",
    "PodSecurityPolicy",
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "ConfigMap",
    "Secret",
    "Endpoints",
    "Service",
    "LimitRange",
    "PriorityClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "Deployment",
    "StatefulSet",
    "CronJob",
    "PodDisruptionBudget",
];

/// kustomize's default `orderLast`.
pub(crate) const DEFAULT_ORDER_LAST: &[&str] = &[
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// Sorts resources as `kubectl kustomize` / `kustomize build` orders its
/// output by default (the legacy order with kustomize's default kind lists;
/// see the module doc for the comparison). Stable.
pub(crate) fn legacy_sort(resources: &mut [Value]) {
    legacy_sort_with(resources, DEFAULT_ORDER_FIRST, DEFAULT_ORDER_LAST);
}

/// The legacy order with a kustomization's own lists
/// (`sortOptions.legacySortOptions.orderFirst / orderLast`, which replace
/// the defaults, both of them). Stable.
pub(crate) fn legacy_sort_with<S: AsRef<str>>(
    resources: &mut [Value],
    order_first: &[S],
    order_last: &[S],
) {
    // newLegacyIDSorter's typeOrders: later assignments win, so a kind in
    // both lists takes its orderLast rank, a repeated kind its last place.
    let mut ranks: BTreeMap<&str, i64> = BTreeMap::new();
    let first_len = order_first.len() as i64;
    for (i, kind) in order_first.iter().enumerate() {
        ranks.insert(kind.as_ref(), i as i64 - first_len);
    }
    for (i, kind) in order_last.iter().enumerate() {
        ranks.insert(kind.as_ref(), 1 + i as i64);
    }

    let ids: Vec<Id> = resources.iter().map(|obj| Id::of(obj, &ranks)).collect();
    let mut order: Vec<usize> = (0..resources.len()).collect();
    merge_sort(&mut order, |a, b| less(&ids[a], &ids[b]));

    let mut taken: Vec<Value> = resources.iter_mut().map(std::mem::take).collect();
    for (slot, &i) in resources.iter_mut().zip(&order) {
        *slot = std::mem::take(&mut taken[i]);
    }
}

/// What the comparison reads of one object: its `resid.ResId` (current
/// group, version, kind, namespace and name), with its rank and the two
/// sort strings worked out once.
struct Id {
    group: String,
    version: String,
    kind: String,
    rank: i64,
    /// `legacyGVKSortString`.
    gvk_sort: String,
    /// `legacyResIDSortString`.
    id_sort: String,
}

impl Id {
    fn of(obj: &Value, ranks: &BTreeMap<&str, i64>) -> Id {
        let api_version = scalar_text(obj.get("apiVersion"));
        let (group, version) = parse_group_version(&api_version);
        let kind = scalar_text(obj.get("kind"));
        let meta = obj.get("metadata");
        let name = scalar_text(meta.and_then(|m| m.get("name")));
        let namespace = scalar_text(meta.and_then(|m| m.get("namespace")));

        let or = |s: &str, empty: &str| {
            if s.is_empty() {
                empty.to_string()
            } else {
                s.to_string()
            }
        };
        let gvk_sort = [or(&group, "~G"), or(&version, "~V"), or(&kind, "~K")].join("_");
        // Gvk.String(): kind.version.group, with its own placeholders.
        let gvk_string = [
            or(&kind, "[noKind]"),
            or(&version, "[noVer]"),
            or(&group, "[noGrp]"),
        ]
        .join(".");
        let id_sort = [gvk_string, or(&namespace, "~X"), or(&name, "~N")].join("|");

        Id {
            rank: ranks.get(kind.as_str()).copied().unwrap_or(0),
            group,
            version,
            kind,
            gvk_sort,
            id_sort,
        }
    }

    fn same_gvk(&self, other: &Id) -> bool {
        self.group == other.group && self.version == other.version && self.kind == other.kind
    }
}

/// `legacyIDSorter.Less` and `gvkLessThan`.
fn less(a: &Id, b: &Id) -> bool {
    if !a.same_gvk(b) {
        if a.rank != b.rank {
            return a.rank < b.rank;
        }
        if a.kind == "Namespace"
            && b.kind == "Namespace"
            && (a.group.is_empty() || b.group.is_empty())
        {
            return a.gvk_sort > b.gvk_sort;
        }
        return a.gvk_sort < b.gvk_sort;
    }
    a.id_sort < b.id_sort
}

/// `resid.ParseGroupVersion`: the group is what comes before the first
/// `/`; without one, all of it is the version (the core group).
fn parse_group_version(api_version: &str) -> (String, String) {
    match api_version.split_once('/') {
        Some((g, v)) => (g.to_string(), v.to_string()),
        None => (String::new(), api_version.to_string()),
    }
}

/// The text kyaml reads for a scalar field (`Node.Value`); a missing field,
/// a null, a map or a list read as empty (a null as if written `data:`).
pub(super) fn scalar_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A stable bottom-up merge sort of `items` by `less`. It never panics,
/// whatever `less` answers: it only ever moves elements between two
/// buffers of the same length.
fn merge_sort(items: &mut Vec<usize>, less: impl Fn(usize, usize) -> bool) {
    let n = items.len();
    let mut buf = items.clone();
    let mut width = 1usize;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = start.saturating_add(width).min(n);
            let end = mid.saturating_add(width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut buf[start..end] {
                // Take from the right run only when strictly less: stable.
                if j < end && (i >= mid || less(items[j], items[i])) {
                    *slot = items[j];
                    j += 1;
                } else {
                    *slot = items[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(items, &mut buf);
        width = width.saturating_mul(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(api_version: &str, kind: &str, name: &str) -> Value {
        json!({"apiVersion": api_version, "kind": kind, "metadata": {"name": name}})
    }

    fn ns_obj(api_version: &str, kind: &str, namespace: &str, name: &str) -> Value {
        json!({"apiVersion": api_version, "kind": kind, "metadata": {"name": name, "namespace": namespace}})
    }

    fn names(objs: &[Value]) -> Vec<String> {
        objs.iter()
            .map(|o| {
                format!(
                    "{}/{}",
                    scalar_text(o.get("kind")),
                    scalar_text(o["metadata"].get("name"))
                )
            })
            .collect()
    }

    fn default_ranks() -> BTreeMap<&'static str, i64> {
        let mut ranks = BTreeMap::new();
        for (i, k) in DEFAULT_ORDER_FIRST.iter().enumerate() {
            ranks.insert(*k, i as i64 - DEFAULT_ORDER_FIRST.len() as i64);
        }
        for (i, k) in DEFAULT_ORDER_LAST.iter().enumerate() {
            ranks.insert(*k, 1 + i as i64);
        }
        ranks
    }

    // Ports kyaml/resid/gvk_test.go TestIsLessThan1 (lessThanTests). The
    // groups there are never empty, so SortOrderTransformer's Namespace
    // exception does not apply and gvkLessThan agrees with IsLessThan.
    #[test]
    fn is_less_than() {
        let gvk = |g: &str, v: &str, k: &str| obj(&format!("{g}/{v}"), k, "x");
        let last_first = DEFAULT_ORDER_FIRST[DEFAULT_ORDER_FIRST.len() - 1];
        let first_last = DEFAULT_ORDER_LAST[0];
        let cases = [
            (
                gvk("a", "b", "CustomResourceDefinition"),
                gvk("a", "b", "RoleBinding"),
            ),
            (gvk("a", "b", "Namespace"), gvk("a", "b", "ClusterRole")),
            (gvk("a", "b", "a"), gvk("a", "b", "b")),
            (gvk("a", "b", "Namespace"), gvk("a", "c", "Namespace")),
            (gvk("a", "c", "Namespace"), gvk("b", "c", "Namespace")),
            (gvk("b", "c", "Namespace"), gvk("a", "c", "ClusterRole")),
            (gvk("a", "c", "Namespace"), gvk("a", "b", "ClusterRole")),
            (gvk("a", "d", "Namespace"), gvk("b", "c", "Namespace")),
            (gvk("a", "b", last_first), gvk("a", "b", first_last)),
            (gvk("a", "b", last_first), gvk("a", "b", "CustomKindX")),
            (gvk("a", "b", "CustomKindX"), gvk("a", "b", first_last)),
            (gvk("a", "b", "CustomKindA"), gvk("a", "b", "CustomKindB")),
            (
                gvk("a", "b", "CustomKindX"),
                gvk("a", "b", "MutatingWebhookConfiguration"),
            ),
            (
                gvk("a", "b", "MutatingWebhookConfiguration"),
                gvk("a", "b", "ValidatingWebhookConfiguration"),
            ),
            (
                gvk("a", "b", "CustomKindX"),
                gvk("a", "b", "ValidatingWebhookConfiguration"),
            ),
            (
                gvk("a", "b", "APIService"),
                gvk("a", "b", "ValidatingWebhookConfiguration"),
            ),
            (gvk("a", "b", "Service"), gvk("a", "b", "APIService")),
            (gvk("a", "b", "Endpoints"), gvk("a", "b", "Service")),
        ];
        let ranks = default_ranks();
        for (x1, x2) in cases {
            let (a, b) = (Id::of(&x1, &ranks), Id::of(&x2, &ranks));
            assert!(less(&a, &b), "{x1} should be less than {x2}");
            assert!(!less(&b, &a), "{x2} should not be less than {x1}");
            // And as a sort, from either starting order.
            for mut v in [vec![x1.clone(), x2.clone()], vec![x2.clone(), x1.clone()]] {
                legacy_sort(&mut v);
                assert_eq!(v, vec![x1.clone(), x2.clone()]);
            }
        }
    }

    // Ports kyaml/resid/gvk_test.go TestParseGroupVersion.
    #[test]
    fn parse_group_version_cases() {
        let cases = [
            ("", "", ""),
            ("v1", "", "v1"),
            ("apps/v1", "apps", "v1"),
            ("/v1", "", "v1"),
            ("apps/", "apps", ""),
            ("/apps/", "", "apps/"),
        ];
        for (input, g, v) in cases {
            assert_eq!(
                parse_group_version(input),
                (g.to_string(), v.to_string()),
                "{input:?}"
            );
        }
    }

    // The resources of plugin/builtin/sortordertransformer/
    // SortOrderTransformer_test.go TestSortOrderTransformer.
    fn transformer_resources() -> Vec<Value> {
        vec![
            obj("v1", "Service", "papaya"),
            obj("v1", "Role", "banana"),
            obj("v1", "ValidatingWebhookConfiguration", "pomegranate"),
            obj("v1", "LimitRange", "peach"),
            obj("v1", "Deployment", "pear"),
            obj("v1", "Namespace", "apple"),
            ns_obj(
                "servicebus.azure.com/v1api20210101preview",
                "Namespace",
                "default",
                "aso-namespace",
            ),
            obj("v1", "Secret", "quince"),
            obj("v1", "Ingress", "durian"),
            obj("v1", "ConfigMap", "apricot"),
        ]
    }

    // Ports TestSortOrderTransformer "default ordering" (the case #5458
    // added: the core Namespace before the custom one).
    #[test]
    fn sort_order_transformer_default() {
        let mut v = transformer_resources();
        legacy_sort(&mut v);
        assert_eq!(
            names(&v),
            [
                "Namespace/apple",
                "Namespace/aso-namespace",
                "Role/banana",
                "ConfigMap/apricot",
                "Secret/quince",
                "Service/papaya",
                "LimitRange/peach",
                "Deployment/pear",
                "Ingress/durian",
                "ValidatingWebhookConfiguration/pomegranate",
            ]
        );
    }

    // Ports TestSortOrderTransformer "webhooks first, order namespace and
    // deployment last".
    #[test]
    fn sort_order_transformer_webhooks_first() {
        // The upstream test's list: the webhooks, then the default first
        // list without Namespace and Deployment (which go last).
        let first: Vec<&str> = DEFAULT_ORDER_LAST
            .iter()
            .chain(DEFAULT_ORDER_FIRST)
            .copied()
            .filter(|k| !matches!(*k, "Namespace" | "Deployment"))
            .collect();
        let mut v = transformer_resources();
        legacy_sort_with(&mut v, &first, &["Namespace", "Deployment"]);
        assert_eq!(
            names(&v),
            [
                "ValidatingWebhookConfiguration/pomegranate",
                "Role/banana",
                "ConfigMap/apricot",
                "Secret/quince",
                "Service/papaya",
                "LimitRange/peach",
                "Ingress/durian",
                "Namespace/apple",
                "Namespace/aso-namespace",
                "Deployment/pear",
            ]
        );
    }

    // Ports TestSortOrderTransformer "some first, some last, some
    // in-between": the unlisted kinds sort by group_version_kind.
    #[test]
    fn sort_order_transformer_some_first_some_last() {
        let mut v = transformer_resources();
        legacy_sort_with(
            &mut v,
            &["ValidatingWebhookConfiguration", "Service"],
            &["Namespace", "Deployment"],
        );
        assert_eq!(
            names(&v),
            [
                "ValidatingWebhookConfiguration/pomegranate",
                "Service/papaya",
                "ConfigMap/apricot",
                "Ingress/durian",
                "LimitRange/peach",
                "Role/banana",
                "Secret/quince",
                "Namespace/apple",
                "Namespace/aso-namespace",
                "Deployment/pear",
            ]
        );
    }

    // Ports api/krusty/sortordertransformer_test.go TestDefaultLegacyOrdering
    // and TestKustomizationSortOrderNotSet: sortOrderResources comes out
    // as legacyOrderResources.
    #[test]
    fn krusty_default_legacy_ordering() {
        let mut v = vec![
            obj("v1", "Service", "papaya"),
            obj("v1", "Role", "banana"),
            obj("v1", "ValidatingWebhookConfiguration", "pomegranate"),
            obj("v1", "LimitRange", "peach"),
            obj("v1", "Deployment", "pear"),
            obj("v1", "Namespace", "apple"),
            obj("v1", "Secret", "quince"),
            obj("v1", "Ingress", "durian"),
            obj("v1", "ConfigMap", "apricot"),
        ];
        legacy_sort(&mut v);
        let expected = vec![
            obj("v1", "Namespace", "apple"),
            obj("v1", "Role", "banana"),
            obj("v1", "ConfigMap", "apricot"),
            obj("v1", "Secret", "quince"),
            obj("v1", "Service", "papaya"),
            obj("v1", "LimitRange", "peach"),
            obj("v1", "Deployment", "pear"),
            obj("v1", "Ingress", "durian"),
            obj("v1", "ValidatingWebhookConfiguration", "pomegranate"),
        ];
        assert_eq!(v, expected);
    }

    // Ports api/krusty/legacy_order_test.go TestIssue4388: a name that is a
    // prefix of another sorts first, whatever the input order.
    #[test]
    fn krusty_issue_4388() {
        let cm = |name: &str| json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": {"key": "value"}});
        let expected = vec![cm("testing"), cm("testing-one"), cm("testing-two")];
        for input in [
            vec![cm("testing"), cm("testing-one"), cm("testing-two")],
            vec![cm("testing-two"), cm("testing-one"), cm("testing")],
        ] {
            let mut v = input;
            legacy_sort(&mut v);
            assert_eq!(v, expected);
        }
    }

    // Read from SortOrderTransformer.go, not ported from a Go test: within
    // one group/version/kind, `namespace|name` as one string with `~X`
    // for no namespace; across groups of an unlisted kind, the group
    // first, the core group (`~G`) after named ones; version next.
    #[test]
    fn tie_breaks() {
        let mut v = vec![
            obj("v1", "ConfigMap", "b"),
            ns_obj("v1", "ConfigMap", "a-b", "z"),
            ns_obj("v1", "ConfigMap", "a", "y"),
            ns_obj("v1", "ConfigMap", "a", "x"),
            obj("v1", "ConfigMap", "a"),
        ];
        legacy_sort(&mut v);
        // "a-b|z" < "a|x" because '-' < '|'; no namespace ("~X") last.
        assert_eq!(
            v,
            vec![
                ns_obj("v1", "ConfigMap", "a-b", "z"),
                ns_obj("v1", "ConfigMap", "a", "x"),
                ns_obj("v1", "ConfigMap", "a", "y"),
                obj("v1", "ConfigMap", "a"),
                obj("v1", "ConfigMap", "b"),
            ]
        );

        let mut v = vec![
            obj("v1", "Ingress", "i"),
            obj("networking.k8s.io/v1", "Ingress", "n"),
            obj("apps/v1", "ReplicaSet", "r"),
            obj("batch/v1", "Job", "j"),
            obj("example.com/v2", "Widget", "w2"),
            obj("example.com/v1", "Widget", "w1"),
            obj("v1", "Pod", "p"),
            obj("apps/v1", "Deployment", "d"),
            obj(
                "admissionregistration.k8s.io/v1",
                "MutatingWebhookConfiguration",
                "m",
            ),
        ];
        legacy_sort(&mut v);
        assert_eq!(
            names(&v),
            [
                "Deployment/d",
                "ReplicaSet/r",
                "Job/j",
                "Widget/w1",
                "Widget/w2",
                "Ingress/n",
                "Ingress/i",
                "Pod/p",
                "MutatingWebhookConfiguration/m",
            ]
        );
    }

    // The Namespace exception with two core-group versions: reversed, so
    // v2 before v1; a named group after both.
    #[test]
    fn namespace_exception() {
        let mut v = vec![
            obj("example.com/v1", "Namespace", "c"),
            obj("v1", "Namespace", "a"),
            obj("v2", "Namespace", "b"),
        ];
        legacy_sort(&mut v);
        assert_eq!(names(&v), ["Namespace/b", "Namespace/a", "Namespace/c"]);
    }

    // Missing or odd fields read as empty strings; nothing panics, and
    // equal objects keep their input order.
    #[test]
    fn odd_inputs() {
        let mut v = vec![
            json!(null),
            json!({"kind": "Service"}),
            json!("text"),
            json!({"apiVersion": 7, "kind": ["x"], "metadata": "m"}),
            json!({"kind": "Namespace", "metadata": {"name": null, "namespace": 3}}),
            json!([1, 2]),
        ];
        legacy_sort(&mut v);
        assert_eq!(
            v[0],
            json!({"kind": "Namespace", "metadata": {"name": null, "namespace": 3}})
        );
        assert_eq!(v[1], json!({"kind": "Service"}));
        // The rest: unlisted, kind "~K"; "7" is a version, so it sorts
        // before "~V"; the three with nothing keep their order.
        assert_eq!(
            v[2],
            json!({"apiVersion": 7, "kind": ["x"], "metadata": "m"})
        );
        assert_eq!(&v[3..], &[json!(null), json!("text"), json!([1, 2])]);

        let mut empty: Vec<Value> = Vec::new();
        legacy_sort(&mut empty);
        assert!(empty.is_empty());

        // An inconsistent comparison (a group spelled "~G") still sorts.
        let mut v = vec![
            obj("~Z/v1", "Namespace", "x"),
            obj("v1", "Namespace", "e"),
            obj("a/v1", "Namespace", "y"),
        ];
        legacy_sort(&mut v);
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn merge_sort_is_stable_and_total() {
        let keys = [3, 1, 2, 1, 3, 0, 2, 1, 0, 5, 4];
        let mut idx: Vec<usize> = (0..keys.len()).collect();
        merge_sort(&mut idx, |a, b| keys[a] < keys[b]);
        assert_eq!(idx, [5, 8, 1, 3, 7, 2, 6, 0, 4, 10, 9]);
        // A comparison that always says "less" cannot make it panic.
        let mut idx: Vec<usize> = (0..37).collect();
        merge_sort(&mut idx, |_, _| true);
        let mut sorted = idx.clone();
        sorted.sort();
        assert_eq!(sorted, (0..37).collect::<Vec<_>>());
    }
}
