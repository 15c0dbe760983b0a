//! PodDisruptionBudget validation on create and update, as the policy
//! API group's validation words it.

use serde_json::json;

use super::support::*;
use crate::engine::objects::{Kind, Value};

fn pdb(spec: Value) -> Value {
    json!({"metadata": {"name": "web-pdb", "namespace": "default"}, "spec": spec})
}

#[test]
fn budgets() {
    let sel = json!({"matchLabels": {"app": "nginx"}});
    for ok in [
        json!({"minAvailable": 2, "selector": sel}),
        json!({"maxUnavailable": "50%", "selector": sel}),
        json!({"minAvailable": "100%", "unhealthyPodEvictionPolicy": "AlwaysAllow", "selector": sel}),
        json!({"maxUnavailable": 0, "unhealthyPodEvictionPolicy": "IfHealthyBudget"}),
    ] {
        assert_eq!(
            create(Kind::PodDisruptionBudget, pdb(ok.clone())),
            Vec::<String>::new(),
            "{ok}"
        );
    }
    assert_eq!(
        create(
            Kind::PodDisruptionBudget,
            pdb(json!({"minAvailable": 2, "maxUnavailable": 1, "selector": sel}))
        ),
        vec![
            r#"spec: Invalid value: {"MinAvailable":2,"Selector":{"matchLabels":{"app":"nginx"}},"MaxUnavailable":1,"UnhealthyPodEvictionPolicy":null}: minAvailable and maxUnavailable cannot be both set"#
        ]
    );
    assert_eq!(
        create(Kind::PodDisruptionBudget, pdb(json!({"minAvailable": -1}))),
        vec!["spec.minAvailable: Invalid value: -1: must be greater than or equal to 0"]
    );
    assert_eq!(
        create(
            Kind::PodDisruptionBudget,
            pdb(json!({"maxUnavailable": "150%"}))
        ),
        vec![r#"spec.maxUnavailable: Invalid value: "150%": must not be greater than 100%"#]
    );
    assert_eq!(
        create(
            Kind::PodDisruptionBudget,
            pdb(json!({"maxUnavailable": "half"}))
        ),
        vec![
            r#"spec.maxUnavailable: Invalid value: "half": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"#
        ]
    );
    assert_eq!(
        create(
            Kind::PodDisruptionBudget,
            pdb(json!({"minAvailable": 1, "unhealthyPodEvictionPolicy": "Sometimes"}))
        ),
        vec![
            r#"spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget""#
        ]
    );
    // Every field may change, within the same rules.
    assert_eq!(
        update(
            Kind::PodDisruptionBudget,
            pdb(json!({"minAvailable": 2, "selector": sel})),
            pdb(json!({"maxUnavailable": 1, "selector": {"matchLabels": {"app": "web"}}}))
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        update(
            Kind::PodDisruptionBudget,
            pdb(json!({"minAvailable": 2, "selector": sel})),
            pdb(json!({"minAvailable": -2, "selector": sel}))
        ),
        vec!["spec.minAvailable: Invalid value: -2: must be greater than or equal to 0"]
    );
}
