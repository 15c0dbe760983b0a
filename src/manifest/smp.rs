//! Strategic merge patch (k8s.io/apimachinery `strategicpatch`), guided by
//! the schema's patch strategies: lists with a merge key merge item by item
//! (`containers` by `name`, `ports` by `containerPort`, `env` by `name` …),
//! lists of scalars tagged `merge` (`finalizers`) merge as sets, other
//! lists are replaced. Directives: `$patch: replace|delete` (maps and list
//! items), `$retainKeys`, `$deleteFromPrimitiveList/<field>` and
//! `$setElementOrder/<field>`. Merged lists are ordered as the server
//! orders them (`normalizeElementOrder`): the patch's items in the patch's
//! (or `$setElementOrder`'s) order, with the items only the live list has
//! slotted in where the live order puts them before a patch item it also
//! has; items new to the list therefore come first.
//!
//! Also the diff side: [`diff`] (two-way, as `kubectl patch` computes for
//! `edit`) and [`three_way`] (client-side `kubectl apply`'s
//! `CreateThreeWayMergePatch` with overwrite).
//!
//! Recursion is bounded by the depth of the values. May not import browser
//! crates.

use serde_json::{Map, Value};

use super::patch::PatchError;
use super::schema::{schema, Strategy, Ty};
use crate::sort::CollectMap;

const PATCH: &str = "$patch";
const RETAIN: &str = "$retainKeys";
const DELETE_PRIMITIVE: &str = "$deleteFromPrimitiveList/";
const ELEMENT_ORDER: &str = "$setElementOrder/";

/// The strategy and type of field `key` of a value of type `ty`.
fn child(ty: &Ty, key: &str) -> (Strategy, Ty) {
    match ty {
        Ty::Struct(id) => match schema().field(*id, key) {
            Some(f) => (f.strategy, f.ty.clone()),
            None => (Strategy::default(), Ty::Any),
        },
        Ty::Map(item, _) => (Strategy::default(), (**item).clone()),
        _ => (Strategy::default(), Ty::Any),
    }
}

fn item_ty(ty: &Ty) -> Ty {
    match ty {
        Ty::List(item) => (**item).clone(),
        _ => Ty::Any,
    }
}

/// Applies a strategic merge patch to `doc`, whose type is `ty`
/// (`Ty::Struct(schema().root(kind))` for an object).
pub fn apply(doc: &Value, patch: &Value, ty: &Ty) -> Result<Value, PatchError> {
    apply_with(doc, patch, ty, false)
}

/// As [`apply`], but merged lists put the patch's items first, in the
/// patch's order, and the items only the document has after them: what
/// kustomize's kyaml merge does (`MergeOptionsListPrepend`).
pub fn apply_prepending(doc: &Value, patch: &Value, ty: &Ty) -> Result<Value, PatchError> {
    apply_with(doc, patch, ty, true)
}

fn apply_with(doc: &Value, patch: &Value, ty: &Ty, prepend: bool) -> Result<Value, PatchError> {
    match (doc, patch) {
        (_, Value::Object(p)) => {
            let empty = Map::new();
            let d = doc.as_object().unwrap_or(&empty);
            Ok(merge_map(d, p, ty, prepend)?.map_or(Value::Object(Map::new()), Value::Object))
        }
        _ => Ok(patch.clone()),
    }
}

/// Merges patch map `p` into `orig`; None means "delete this map".
fn merge_map(
    orig: &Map<String, Value>,
    p: &Map<String, Value>,
    ty: &Ty,
    prepend: bool,
) -> Result<Option<Map<String, Value>>, PatchError> {
    match p.get(PATCH).and_then(Value::as_str) {
        Some("replace") => {
            let mut out = Map::new();
            for (k, v) in p {
                if k != PATCH {
                    out.insert(k.clone(), strip(v));
                }
            }
            return Ok(Some(out));
        }
        Some("delete") => return Ok(None),
        Some(other) => {
            return Err(PatchError {
                message: format!(
                    "Unknown patch type: {other} in map: {}",
                    super::print::to_json_compact(&Value::Object(p.clone()))
                ),
            })
        }
        None => {}
    }
    let mut out = orig.clone();
    let mut orders: Vec<(&str, &Value)> = Vec::new();
    for (k, pv) in p {
        if k == PATCH || k == RETAIN {
            continue;
        }
        if let Some(field) = k.strip_prefix(DELETE_PRIMITIVE) {
            if let (Some(Value::Array(list)), Value::Array(gone)) = (out.get_mut(field), pv) {
                list.retain(|x| !gone.contains(x));
            }
            continue;
        }
        if let Some(field) = k.strip_prefix(ELEMENT_ORDER) {
            orders.push((field, pv));
            continue;
        }
        if pv.is_null() {
            out.remove(k);
            continue;
        }
        let (strategy, cty) = child(ty, k);
        let merged = match (out.get(k), pv) {
            (Some(Value::Object(o)), Value::Object(pm)) => {
                merge_map(o, pm, &cty, prepend)?.map(Value::Object)
            }
            (_, Value::Object(pm)) => merge_map(&Map::new(), pm, &cty, prepend)?.map(Value::Object),
            (Some(Value::Array(o)), Value::Array(pl)) => {
                let mut list = merge_list(o, pl, strategy, &item_ty(&cty), prepend)?;
                if strategy.merge_key.is_some() || strategy.merge_scalars {
                    if prepend {
                        reorder(&mut list, pl, strategy.merge_key);
                    } else if !p.contains_key(&format!("{ELEMENT_ORDER}{k}")) {
                        // (with `$setElementOrder` the order is set below)
                        let server = without_deleted(o, pl, strategy.merge_key);
                        list = normalize_order(list, pl, &server, strategy.merge_key);
                    }
                }
                Some(Value::Array(list))
            }
            (_, Value::Array(pl)) => Some(Value::Array(merge_list(
                &[],
                pl,
                strategy,
                &item_ty(&cty),
                prepend,
            )?)),
            (_, v) => Some(v.clone()),
        };
        match merged {
            Some(v) => {
                out.insert(k.clone(), v);
            }
            None => {
                out.remove(k);
            }
        }
    }
    if let Some(Value::Array(keep)) = p.get(RETAIN) {
        out.retain(|k, _| keep.iter().any(|x| x.as_str() == Some(k)));
    }
    for (field, order) in orders {
        let (strategy, _) = child(ty, field);
        let server = match orig.get(field) {
            Some(Value::Array(o)) => o.clone(),
            _ => Vec::new(),
        };
        if let (Some(Value::Array(list)), Value::Array(order)) = (out.get_mut(field), order) {
            if prepend {
                reorder(list, order, strategy.merge_key);
            } else {
                *list = normalize_order(std::mem::take(list), order, &server, strategy.merge_key);
            }
        }
    }
    Ok(Some(out))
}

/// Directives and nulls removed (what a patch adds where nothing was).
fn strip(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, v)| !k.starts_with('$') && !v.is_null())
                .map(|(k, v)| (k.clone(), strip(v)))
                .collect_object(),
        ),
        Value::Array(a) => Value::Array(
            a.iter()
                .filter(|x| x.get(PATCH).is_none())
                .map(strip)
                .collect(),
        ),
        other => other.clone(),
    }
}

fn merge_list(
    orig: &[Value],
    p: &[Value],
    strategy: Strategy,
    item: &Ty,
    prepend: bool,
) -> Result<Vec<Value>, PatchError> {
    if p.iter()
        .any(|x| x.get(PATCH).and_then(Value::as_str) == Some("replace"))
    {
        return Ok(p
            .iter()
            .filter(|x| x.get(PATCH).is_none())
            .map(strip)
            .collect());
    }
    if let Some(key) = strategy.merge_key {
        let mut out: Vec<Value> = orig.to_vec();
        for pi in p {
            let Value::Object(pm) = pi else {
                if !out.contains(pi) {
                    out.push(pi.clone());
                }
                continue;
            };
            let kv = pm.get(key);
            let at = kv.and_then(|kv| out.iter().position(|o| o.get(key) == Some(kv)));
            if pm.get(PATCH).and_then(Value::as_str) == Some("delete") {
                if let Some(kv) = kv {
                    out.retain(|o| o.get(key) != Some(kv));
                }
                continue;
            }
            match at {
                Some(i) => {
                    let empty = Map::new();
                    let o = out.get(i).and_then(Value::as_object).unwrap_or(&empty);
                    match merge_map(o, pm, item, prepend)? {
                        Some(m) => {
                            if let Some(slot) = out.get_mut(i) {
                                *slot = Value::Object(m);
                            }
                        }
                        None => {
                            out.remove(i);
                        }
                    }
                }
                None => {
                    if let Some(m) = merge_map(&Map::new(), pm, item, prepend)? {
                        out.push(Value::Object(m));
                    }
                }
            }
        }
        return Ok(out);
    }
    if strategy.merge_scalars {
        let mut out: Vec<Value> = orig.to_vec();
        for v in p {
            if !out.contains(v) {
                out.push(v.clone());
            }
        }
        return Ok(out);
    }
    Ok(p.iter().map(strip).collect())
}

/// `$setElementOrder`: listed items first in the listed order, the rest
/// after them in their current order.
fn reorder(list: &mut Vec<Value>, order: &[Value], key: Option<&str>) {
    let wanted: Vec<Value> = order.iter().map(|o| ident(o, key)).collect();
    let mut items: Vec<(usize, Value)> = std::mem::take(list).into_iter().enumerate().collect();
    crate::sort::sort_by_key(&mut items, |(i, v)| {
        let id = ident(v, key);
        match wanted.iter().position(|w| *w == id) {
            Some(p) => (0, p, *i),
            None => (1, 0, *i),
        }
    });
    *list = items.into_iter().map(|(_, v)| v).collect();
}

/// The identity of a list item: its merge key's value, or itself.
fn ident(v: &Value, key: Option<&str>) -> Value {
    match key {
        Some(k) => v.get(k).cloned().unwrap_or(Value::Null),
        None => v.clone(),
    }
}

/// The live list less the items the patch deletes with `$patch: delete`
/// (the server order `mergeSlice` compares against).
fn without_deleted(orig: &[Value], patch: &[Value], key: Option<&str>) -> Vec<Value> {
    let gone: Vec<Value> = patch
        .iter()
        .filter(|x| x.get(PATCH).and_then(Value::as_str) == Some("delete"))
        .map(|x| ident(x, key))
        .collect();
    orig.iter()
        .filter(|o| key.is_none() || !gone.contains(&ident(o, key)))
        .cloned()
        .collect()
}

/// `normalizeElementOrder` + `mergeSortedSlice`: the merged items the
/// patch names (`order`) in the patch's order; the others ("server-only")
/// in the live list's order; then the two interleaved, a server-only item
/// going first only when the live list has it before the next patch item
/// (so an item new to the list goes before all server-only items).
fn normalize_order(
    merged: Vec<Value>,
    order: &[Value],
    server: &[Value],
    key: Option<&str>,
) -> Vec<Value> {
    let ids: Vec<Value> = order.iter().map(|o| ident(o, key)).collect();
    let server_ids: Vec<Value> = server.iter().map(|o| ident(o, key)).collect();
    let pos = |list: &[Value], v: &Value| list.iter().position(|x| *x == ident(v, key));
    let (mut patch_items, mut server_only): (Vec<Value>, Vec<Value>) =
        merged.into_iter().partition(|v| pos(&ids, v).is_some());
    crate::sort::sort_by_key(&mut patch_items, |v| pos(&ids, v));
    crate::sort::sort_by_key(&mut server_only, |v| {
        pos(&server_ids, v).unwrap_or(usize::MAX)
    });
    let mut out = Vec::with_capacity(patch_items.len() + server_only.len());
    let mut left = server_only.into_iter().peekable();
    let mut right = patch_items.into_iter().peekable();
    loop {
        let take_left = match (left.peek(), right.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(l), Some(r)) => matches!(
                (pos(&server_ids, l), pos(&server_ids, r)),
                (Some(li), Some(ri)) if li < ri
            ),
        };
        let next = if take_left { left.next() } else { right.next() };
        out.extend(next);
    }
    out
}

/// What a diff should leave out.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiffOptions {
    pub ignore_deletions: bool,
    pub ignore_changes_and_additions: bool,
    pub set_element_order: bool,
}

/// The strategic merge patch turning `from` into `to`.
pub fn diff(from: &Value, to: &Value, ty: &Ty, opts: DiffOptions) -> Value {
    match (from, to) {
        (Value::Object(f), Value::Object(t)) => Value::Object(diff_maps(f, t, ty, opts)),
        _ if from == to => Value::Object(Map::new()),
        _ => to.clone(),
    }
}

fn diff_maps(
    from: &Map<String, Value>,
    to: &Map<String, Value>,
    ty: &Ty,
    opts: DiffOptions,
) -> Map<String, Value> {
    let mut patch = Map::new();
    for (k, tv) in to {
        let Some(fv) = from.get(k) else {
            if !opts.ignore_changes_and_additions {
                patch.insert(k.clone(), tv.clone());
            }
            continue;
        };
        let (strategy, cty) = child(ty, k);
        match (fv, tv) {
            (Value::Object(fm), Value::Object(tm)) => {
                let sub = diff_maps(fm, tm, &cty, opts);
                if !sub.is_empty() {
                    patch.insert(k.clone(), Value::Object(sub));
                }
            }
            (Value::Array(fl), Value::Array(tl)) => {
                diff_lists(k, fl, tl, strategy, &item_ty(&cty), opts, &mut patch)
            }
            _ => {
                if fv != tv && !opts.ignore_changes_and_additions {
                    patch.insert(k.clone(), tv.clone());
                }
            }
        }
    }
    if !opts.ignore_deletions {
        for k in from.keys() {
            if !to.contains_key(k) {
                patch.insert(k.clone(), Value::Null);
            }
        }
    }
    patch
}

fn diff_lists(
    field: &str,
    from: &[Value],
    to: &[Value],
    strategy: Strategy,
    item: &Ty,
    opts: DiffOptions,
    patch: &mut Map<String, Value>,
) {
    let keyed = strategy
        .merge_key
        .filter(|k| from.iter().chain(to).all(|v| v.get(*k).is_some()));
    if (keyed.is_some() || strategy.merge_scalars) && from.is_empty() {
        // An empty original list: the whole new list is the patch.
        if !to.is_empty() && !opts.ignore_changes_and_additions {
            patch.insert(field.to_string(), Value::Array(to.to_vec()));
        }
        return;
    }
    if let Some(key) = keyed {
        // Like the real diff: changed and added items in the new list's
        // order, then the deletions in merge-key order.
        let by_key = |v: &Value| key_string(v.get(key));
        let mut list = Vec::new();
        for t in to {
            let kv = t.get(key);
            match from.iter().find(|f| f.get(key) == kv) {
                Some(f) => {
                    if let (Value::Object(fm), Value::Object(tm)) = (f, t) {
                        let mut sub = diff_maps(fm, tm, item, opts);
                        if !sub.is_empty() {
                            sub.insert(key.to_string(), kv.cloned().unwrap_or(Value::Null));
                            list.push(Value::Object(sub));
                        }
                    }
                }
                None => {
                    if !opts.ignore_changes_and_additions {
                        list.push(t.clone());
                    }
                }
            }
        }
        if !opts.ignore_deletions {
            let mut sorted_from: Vec<&Value> = from.iter().collect();
            crate::sort::sort_by_key(&mut sorted_from, |v| by_key(v));
            for f in sorted_from {
                let kv = f.get(key);
                if !to.iter().any(|t| t.get(key) == kv) {
                    let mut m = Map::new();
                    m.insert(PATCH.into(), Value::String("delete".into()));
                    m.insert(key.to_string(), kv.cloned().unwrap_or(Value::Null));
                    list.push(Value::Object(m));
                }
            }
        }
        let order_changed = {
            let fk: Vec<Option<&Value>> = from
                .iter()
                .map(|v| v.get(key))
                .filter(|k| to.iter().any(|t| t.get(key) == *k))
                .collect();
            let tk: Vec<Option<&Value>> = to
                .iter()
                .map(|v| v.get(key))
                .filter(|k| from.iter().any(|f| f.get(key) == *k))
                .collect();
            fk != tk
        };
        let changes = !list.is_empty();
        if opts.set_element_order
            && ((!opts.ignore_changes_and_additions && (changes || order_changed))
                || (!opts.ignore_deletions && changes))
        {
            let order = to.iter().map(|t| {
                let mut m = Map::new();
                m.insert(key.to_string(), t.get(key).cloned().unwrap_or(Value::Null));
                Value::Object(m)
            });
            patch.insert(
                format!("{ELEMENT_ORDER}{field}"),
                Value::Array(order.collect()),
            );
        }
        if !list.is_empty() {
            patch.insert(field.to_string(), Value::Array(list));
        }
        return;
    }
    if strategy.merge_scalars {
        let added: Vec<Value> = to.iter().filter(|v| !from.contains(v)).cloned().collect();
        let mut gone: Vec<Value> = from.iter().filter(|v| !to.contains(v)).cloned().collect();
        crate::sort::sort_by_key(&mut gone, |v| key_string(Some(v)));
        if !opts.ignore_changes_and_additions && !added.is_empty() {
            patch.insert(field.to_string(), Value::Array(added.clone()));
        }
        if !opts.ignore_deletions && !gone.is_empty() {
            patch.insert(
                format!("{DELETE_PRIMITIVE}{field}"),
                Value::Array(gone.clone()),
            );
        }
        if opts.set_element_order
            && ((!opts.ignore_deletions && !gone.is_empty())
                || (!opts.ignore_changes_and_additions && from != to))
        {
            patch.insert(format!("{ELEMENT_ORDER}{field}"), Value::Array(to.to_vec()));
        }
        return;
    }
    if from != to && !opts.ignore_changes_and_additions {
        patch.insert(field.to_string(), Value::Array(to.to_vec()));
    }
}

/// Go's `%v` of a merge key value, the sort key of merge lists.
fn key_string(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// `CreateThreeWayMergePatch(original, modified, current)` with overwrite:
/// changes and additions from current to modified, plus deletions of what
/// was in original (the last applied configuration) but is no longer in
/// modified. Fields only current has (status, defaults, other writers'
/// fields) are left alone.
pub fn three_way(original: Option<&Value>, modified: &Value, current: &Value, ty: &Ty) -> Value {
    let delta = diff(
        current,
        modified,
        ty,
        DiffOptions {
            ignore_deletions: true,
            ignore_changes_and_additions: false,
            set_element_order: true,
        },
    );
    let empty = Value::Object(Map::new());
    let deletions = diff(
        original.unwrap_or(&empty),
        modified,
        ty,
        DiffOptions {
            ignore_deletions: false,
            ignore_changes_and_additions: true,
            set_element_order: false,
        },
    );
    combine(&deletions, &delta, ty)
}

/// Merges two patches of the same object (deletions first, then delta).
fn combine(a: &Value, b: &Value, ty: &Ty) -> Value {
    let (Value::Object(am), Value::Object(bm)) = (a, b) else {
        return b.clone();
    };
    let mut out = am.clone();
    for (k, bv) in bm {
        let (strategy, cty) = child(ty, k);
        let merged = match (out.get(k), bv) {
            (Some(av @ Value::Object(_)), Value::Object(_)) => combine(av, bv, &cty),
            (Some(Value::Array(al)), Value::Array(bl)) if strategy.merge_key.is_some() => {
                let key = strategy.merge_key.unwrap_or("name");
                let mut list = al.clone();
                for bi in bl {
                    let at = list.iter().position(|ai| {
                        ai.get(key) == bi.get(key)
                            && ai.get(PATCH).is_none()
                            && bi.get(PATCH).is_none()
                    });
                    match at.and_then(|i| list.get_mut(i)) {
                        Some(slot) => *slot = combine(slot, bi, &item_ty(&cty)),
                        None => list.push(bi.clone()),
                    }
                }
                Value::Array(list)
            }
            _ => bv.clone(),
        };
        out.insert(k.clone(), merged);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objects::Kind;
    use serde_json::json;

    fn sts_ty() -> Ty {
        Ty::Struct(schema().root(Kind::StatefulSet))
    }

    fn live() -> Value {
        json!({"metadata": {"name": "web", "finalizers": ["a"], "labels": {"app": "nginx"}},
            "spec": {"replicas": 2, "template": {"spec": {
                "containers": [{"name": "nginx", "image": "nginx:1", "ports": [{"containerPort": 80, "name": "web"}], "env": [{"name": "A", "value": "1"}]},
                               {"name": "sidecar", "image": "busybox"}],
                "tolerations": [{"key": "x", "operator": "Exists"}],
                "volumes": [{"name": "conf", "emptyDir": {}}]}}}})
    }

    fn names(v: &Value, key: &str) -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| match x.get(key) {
                        Some(k) => k.as_str().unwrap_or_default().to_string(),
                        None => x.as_str().unwrap_or_default().to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn merged_lists_take_the_servers_order() {
        let spec = |out: &Value| out["spec"]["template"]["spec"]["containers"].clone();
        // A new item goes before the items only the live list has.
        let p = json!({"spec": {"template": {"spec": {"containers": [{"name": "new", "image": "busybox"}]}}}});
        let out = apply(&live(), &p, &sts_ty()).unwrap();
        assert_eq!(names(&spec(&out), "name"), ["new", "nginx", "sidecar"]);
        // A live item before the patch's first live item stays before it.
        let p = json!({"spec": {"template": {"spec": {"containers": [
            {"name": "sidecar", "image": "busybox:2"}, {"name": "new", "image": "busybox"}]}}}});
        let out = apply(&live(), &p, &sts_ty()).unwrap();
        assert_eq!(names(&spec(&out), "name"), ["nginx", "sidecar", "new"]);
        // The patch's order wins over the live order for the items it names.
        let p = json!({"spec": {"template": {"spec": {"containers": [
            {"name": "sidecar", "image": "busybox:2"}, {"name": "nginx", "image": "nginx:2"}]}}}});
        let out = apply(&live(), &p, &sts_ty()).unwrap();
        assert_eq!(names(&spec(&out), "name"), ["sidecar", "nginx"]);
        // A deleted item leaves the rest in order.
        let p = json!({"spec": {"template": {"spec": {"containers": [
            {"$patch": "delete", "name": "nginx"}, {"name": "new", "image": "busybox"}]}}}});
        let out = apply(&live(), &p, &sts_ty()).unwrap();
        assert_eq!(names(&spec(&out), "name"), ["new", "sidecar"]);
        // Lists of scalars merged as sets: the same rule.
        let p = json!({"metadata": {"finalizers": ["b"]}});
        let out = apply(&live(), &p, &sts_ty()).unwrap();
        assert_eq!(names(&out["metadata"]["finalizers"], ""), ["b", "a"]);
        // `$setElementOrder` orders the patch's items; a server-only item
        // goes before the first listed item the live list has after it.
        let p = json!({"spec": {"template": {"spec": {
            "$setElementOrder/containers": [{"name": "new"}, {"name": "sidecar"}],
            "containers": [{"name": "new", "image": "busybox"}]}}}});
        let out = apply(&live(), &p, &sts_ty()).unwrap();
        assert_eq!(names(&spec(&out), "name"), ["new", "nginx", "sidecar"]);
    }

    #[test]
    fn containers_merge_by_name_and_lists_replace_by_default() {
        let patch = json!({"spec": {"template": {"spec": {
            "containers": [{"name": "nginx", "image": "nginx:2", "env": [{"name": "B", "value": "2"}]}],
            "tolerations": [{"key": "y", "operator": "Exists"}]}}}});
        let out = apply(&live(), &patch, &sts_ty()).unwrap();
        let c = &out["spec"]["template"]["spec"]["containers"];
        assert_eq!(c[0]["image"], "nginx:2");
        // The item new to the list goes first (normalizeElementOrder).
        assert_eq!(
            c[0]["env"],
            json!([{"name": "B", "value": "2"}, {"name": "A", "value": "1"}])
        );
        assert_eq!(c[0]["ports"], json!([{"containerPort": 80, "name": "web"}]));
        assert_eq!(c[1]["name"], "sidecar");
        assert_eq!(
            out["spec"]["template"]["spec"]["tolerations"],
            json!([{"key": "y", "operator": "Exists"}])
        );
    }

    #[test]
    fn directives() {
        let patch = json!({"metadata": {"finalizers": ["b"], "$deleteFromPrimitiveList/finalizers": ["a"], "labels": {"$patch": "replace", "tier": "web"}},
            "spec": {"replicas": null, "template": {"spec": {
                "containers": [{"name": "sidecar", "$patch": "delete"}, {"name": "nginx", "ports": [{"containerPort": 80, "$patch": "delete"}]}],
                "volumes": [{"name": "conf", "configMap": {"name": "c"}, "$retainKeys": ["configMap", "name"]}]}}}});
        let out = apply(&live(), &patch, &sts_ty()).unwrap();
        assert_eq!(out["metadata"]["finalizers"], json!(["b"]));
        assert_eq!(out["metadata"]["labels"], json!({"tier": "web"}));
        assert!(out["spec"].get("replicas").is_none());
        let c = &out["spec"]["template"]["spec"]["containers"];
        assert_eq!(c.as_array().unwrap().len(), 1);
        assert_eq!(c[0]["ports"], json!([]));
        assert_eq!(
            out["spec"]["template"]["spec"]["volumes"],
            json!([{"name": "conf", "configMap": {"name": "c"}}])
        );
        // A list replaced wholesale.
        let out = apply(&live(), &json!({"spec": {"template": {"spec": {"containers": [{"$patch": "replace"}, {"name": "only"}]}}}}), &sts_ty()).unwrap();
        assert_eq!(
            out["spec"]["template"]["spec"]["containers"],
            json!([{"name": "only"}])
        );
        // Element order.
        let out = apply(&live(), &json!({"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "sidecar"}, {"name": "nginx"}]}}}}), &sts_ty()).unwrap();
        assert_eq!(
            out["spec"]["template"]["spec"]["containers"][0]["name"],
            "sidecar"
        );
    }

    #[test]
    fn diff_then_apply_reaches_the_target() {
        let from = live();
        let mut to = live();
        to["spec"]["replicas"] = json!(5);
        to["spec"]["template"]["spec"]["containers"][0]["image"] = json!("nginx:3");
        to["spec"]["template"]["spec"]["containers"]
            .as_array_mut()
            .unwrap()
            .remove(1);
        to["metadata"]["finalizers"] = json!(["a", "c"]);
        to["metadata"]["labels"]
            .as_object_mut()
            .unwrap()
            .remove("app");
        let p = diff(
            &from,
            &to,
            &sts_ty(),
            DiffOptions {
                set_element_order: true,
                ..Default::default()
            },
        );
        assert_eq!(
            p["spec"]["template"]["spec"]["containers"],
            json!([{"image": "nginx:3", "name": "nginx"}, {"$patch": "delete", "name": "sidecar"}])
        );
        assert_eq!(
            p["spec"]["template"]["spec"]["$setElementOrder/containers"],
            json!([{"name": "nginx"}])
        );
        assert_eq!(p["metadata"]["labels"], json!({"app": null}));
        assert_eq!(p["metadata"]["finalizers"], json!(["c"]));
        assert_eq!(apply(&from, &p, &sts_ty()).unwrap(), to);
    }

    #[test]
    fn three_way_keeps_what_others_wrote() {
        let original = json!({"spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1", "env": [{"name": "A", "value": "1"}]}]}}}});
        let modified = json!({"spec": {"template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1"}]}}}});
        let mut current = original.clone();
        current["status"] = json!({"replicas": 2});
        current["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] =
            json!("IfNotPresent");
        let p = three_way(Some(&original), &modified, &current, &sts_ty());
        assert_eq!(
            p,
            json!({"spec": {"replicas": null, "template": {"spec": {"containers": [{"env": null, "name": "nginx"}]}}}})
        );
        let out = apply(&current, &p, &sts_ty()).unwrap();
        assert_eq!(
            out,
            json!({"spec": {"template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1", "imagePullPolicy": "IfNotPresent"}]}}}, "status": {"replicas": 2}})
        );
        assert_eq!(
            three_way(Some(&modified), &modified, &out, &sts_ty()),
            json!({})
        );
    }
}
