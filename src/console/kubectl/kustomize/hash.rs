//! The content hash kustomize appends to the names of generated ConfigMaps
//! and Secrets (`app-config` → `app-config-7757f9kkct`), reproduced from
//! kustomize's `api/hasher/hasher.go` (unchanged since 2021, so the same in
//! every kustomize v5 that kubectl 1.33–1.35 embed).
//!
//! What the Go code hashes, exactly (`encodeConfigMap` / `encodeSecret`,
//! through `getNodeValues`):
//!
//! - a map encoded by Go's `json.Marshal`: keys sorted, strings escaped as
//!   `encoding/json` escapes them (HTML-safe: `<`, `>`, `&` become
//!   `\u003c`, `\u003e`, `\u0026`; U+2028 and U+2029 escaped; `\b`, `\f`,
//!   `\n`, `\r`, `\t` short; other control characters `\u00xx`), numbers as
//!   float64s (they made a round trip through `interface{}`);
//! - ConfigMap: `kind`, `name`, `data`, and `binaryData` only when it is a
//!   map (even an empty one); Secret: `kind`, `type`, `name`, `data`, and
//!   `stringData` only when it is a map. `immutable` is never hashed, nor is
//!   a ConfigMap's `stringData` or a Secret's `binaryData`;
//! - a field that is absent is the empty string (`"data":""`), a map is the
//!   map (`{}` when empty), a scalar is its text, and a list is `null`
//!   (Go's `json.Unmarshal` of a list into a map fails, silently, and
//!   leaves a nil map);
//! - `name` is always `""`: the Go code asks for the path `"metadata/name"`
//!   as ONE `yaml.Lookup` segment, and kyaml does not split segments on
//!   `/`, so it looks for a top-level key spelled `metadata/name`, which no
//!   object has. Two empty generated ConfigMaps with different names get
//!   the same suffix (krusty's `TestPrefixSuffix`: `a-example-configmap-
//!   6ct58987ht` and `b-example-configmap-6ct58987ht`).
//!
//! Then SHA-256 of that text, its first 10 hex digits, with `0 1 3 a e`
//! written `g h k m t` (kustomize's `encode`, copied from kubectl).
//!
//! Any other kind is an error here: kustomize only hashes the names of
//! generated objects (and of plugin output marked `needs-hash`, which this
//! build refuses), and for other kinds it hashes Go's JSON dump of the
//! `yaml.Node` struct, line and column numbers included: nothing a JSON
//! value still knows.

use serde_json::{Map, Value};

use super::order::scalar_text;

/// SHA-256 of `data` as lowercase hex (FIPS 180-4), written out here: the
/// crate has no hashing dependency.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];

    // Padding (5.1.1): a 1 bit, zeros up to 56 mod 64 bytes, then the
    // message length in bits as a big-endian u64.
    let bit_len = (data.len() as u64).wrapping_mul(8);
    let mut msg = Vec::with_capacity(data.len() + 72);
    msg.extend_from_slice(data);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());

    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (t, word) in block.chunks_exact(4).enumerate() {
            w[t] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for t in 16..64 {
            let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
            let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16]
                .wrapping_add(s0)
                .wrapping_add(w[t - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for t in 0..64 {
            let big_s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(big_s1)
                .wrapping_add(ch)
                .wrapping_add(K[t])
                .wrapping_add(w[t]);
            let big_s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = big_s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (hv, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *hv = hv.wrapping_add(v);
        }
    }

    h.iter().map(|word| format!("{word:08x}")).collect()
}

/// kustomize's hash suffix of a generated ConfigMap or Secret (api/hasher
/// `Hasher.Hash`: the fields the module doc lists, encoded as Go's
/// `json.Marshal` of a map would be, SHA-256, then the first 10 hex
/// characters with kustomize's character substitutions). `obj` is the
/// object as JSON. Err for other kinds (kustomize has no message of its
/// own for them: it hashes them another way, see the module doc).
pub(crate) fn name_hash(obj: &Value) -> Result<String, String> {
    let encoded = match scalar_text(obj.get("kind")).as_str() {
        "ConfigMap" => encode_config_map(obj),
        "Secret" => encode_secret(obj),
        other => {
            return Err(format!(
                "cannot compute kustomize's name hash of a {other:?}: only ConfigMap and Secret names take a content hash"
            ))
        }
    };
    Ok(encode(&sha256_hex(encoded.as_bytes())))
}

/// kubectl's own suffix for `create configmap|secret --append-hash`
/// (k8s.io/kubectl/pkg/util/hash: `ConfigMapHash`, `SecretHash`): Go's
/// JSON of `kind`, `name`, `data` (an empty map when there is none) and,
/// for a Secret, its `type` as given (empty when --type was not), through
/// the same SHA-256 and `encode`. Unlike kustomize's, it hashes the name.
/// `obj` is the generated object, a Secret's data already in base64.
pub(crate) fn kubectl_name_hash(obj: &Value) -> String {
    let mut m = Map::new();
    let kind = scalar_text(obj.get("kind"));
    m.insert("kind".into(), Value::String(kind.clone()));
    m.insert(
        "name".into(),
        Value::String(scalar_text(obj.pointer("/metadata/name"))),
    );
    m.insert(
        "data".into(),
        obj.get("data")
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new())),
    );
    if kind == "Secret" {
        m.insert("type".into(), Value::String(scalar_text(obj.get("type"))));
    }
    if let Some(i) = obj.get("immutable") {
        m.insert("immutable".into(), i.clone());
    }
    encode(&sha256_hex(go_json(&Value::Object(m)).as_bytes()))
}

/// hasher.go `encode`: the first 10 hex digits, with the digits and
/// letters that could spell words (or look alike) swapped for others.
fn encode(hex: &str) -> String {
    hex.chars()
        .take(10)
        .map(|c| match c {
            '0' => 'g',
            '1' => 'h',
            '3' => 'k',
            'a' => 'm',
            'e' => 't',
            c => c,
        })
        .collect()
}

/// hasher.go `encodeConfigMap`.
fn encode_config_map(obj: &Value) -> String {
    let mut m = Map::new();
    m.insert("kind".into(), Value::String("ConfigMap".into()));
    m.insert("name".into(), node_value(obj, "metadata/name"));
    m.insert("data".into(), node_value(obj, "data"));
    // Go: `if _, ok := values["binaryData"].(map[string]interface{}); ok`:
    // present when it is a map of any size, or a list (a nil map).
    if is_go_map(obj, "binaryData") {
        m.insert("binaryData".into(), node_value(obj, "binaryData"));
    }
    go_json(&Value::Object(m))
}

/// hasher.go `encodeSecret`.
fn encode_secret(obj: &Value) -> String {
    let mut m = Map::new();
    m.insert("kind".into(), Value::String("Secret".into()));
    m.insert("type".into(), node_value(obj, "type"));
    m.insert("name".into(), node_value(obj, "metadata/name"));
    m.insert("data".into(), node_value(obj, "data"));
    if is_go_map(obj, "stringData") {
        m.insert("stringData".into(), node_value(obj, "stringData"));
    }
    go_json(&Value::Object(m))
}

/// hasher.go `getNodeValues` for one path: `yaml.Lookup(path)` on the
/// object, with `path` one segment (kyaml does not split it on `/`).
fn node_value(obj: &Value, path: &str) -> Value {
    match obj.get(path) {
        // Lookup found nothing: `values[p] = ""`.
        None => Value::String(String::new()),
        Some(Value::Object(m)) => Value::Object(m.clone()),
        // MarshalJSON gives a JSON list, which json.Unmarshal cannot put in
        // a map: the error is ignored and the nil map marshals as null.
        Some(Value::Array(_)) => Value::Null,
        // A scalar node: `vn.YNode().Value`, its text.
        Some(v) => Value::String(scalar_text(Some(v))),
    }
}

/// Whether `values[path]` is a `map[string]interface{}` in the Go code: a
/// map, or a list (the nil map its failed unmarshal leaves).
fn is_go_map(obj: &Value, path: &str) -> bool {
    matches!(
        obj.get(path),
        Some(Value::Object(_)) | Some(Value::Array(_))
    )
}

/// Go's `json.Marshal` of the value after its round trip through
/// `interface{}`: map keys sorted by bytes, numbers as float64s.
fn go_json(v: &Value) -> String {
    crate::console::printers::gofmt::json(&as_float64s(v))
}

/// Every number as the float64 `json.Unmarshal` makes of it.
fn as_float64s(v: &Value) -> Value {
    match v {
        Value::Number(n) => serde_json::Number::from_f64(n.as_f64().unwrap_or(0.0))
            .map_or(Value::Null, Value::Number),
        Value::Array(items) => Value::Array(items.iter().map(as_float64s).collect()),
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, x)| (k.clone(), as_float64s(x))).collect())
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // NIST FIPS 180-4 examples (and the CAVP short/long message vectors).
    #[test]
    fn sha256_nist_vectors() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // 56 bytes: the padding needs a second block.
        assert_eq!(
            sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        // 112 bytes: more than one block of message.
        assert_eq!(
            sha256_hex(
                b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
            ),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        );
        // One million 'a'.
        assert_eq!(
            sha256_hex(&vec![b'a'; 1_000_000]),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    // Ports hasher_test.go Test_hex256.
    #[test]
    fn hex256_of_empty() {
        let expect = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(sha256_hex(&[]), expect);
    }

    // Ports hasher_test.go TestConfigMapHash (the YAML cases as JSON: the
    // unquoted 2 and 3 are numbers).
    #[test]
    fn config_map_hash() {
        let cases = [
            (
                "empty data",
                json!({"apiVersion": "v1", "kind": "ConfigMap"}),
                "6ct58987ht",
            ),
            (
                "one key",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"one": ""}}),
                "9g67k2htb6",
            ),
            (
                "three keys",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"two": 2, "one": "", "three": 3}}),
                "7757f9kkct",
            ),
            (
                "empty binary data",
                json!({"apiVersion": "v1", "kind": "ConfigMap"}),
                "6ct58987ht",
            ),
            (
                "one key with binary data",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "binaryData": {"one": ""}}),
                "6mtk2m274t",
            ),
            (
                "three keys with binary data",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "binaryData": {"two": 2, "one": "", "three": 3}}),
                "9th7kc28dg",
            ),
            (
                "two keys with one each",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"one": ""}, "binaryData": {"two": ""}}),
                "698h7c7t9m",
            ),
        ];
        for (desc, obj, hash) in cases {
            assert_eq!(name_hash(&obj).as_deref(), Ok(hash), "case {desc:?}");
        }
    }

    // Ports hasher_test.go TestSecretHash.
    #[test]
    fn secret_hash() {
        let cases = [
            (
                "empty data",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type"}),
                "5gmgkf8578",
            ),
            (
                "one key",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type", "data": {"one": ""}}),
                "74bd68bm66",
            ),
            (
                "three keys",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type", "data": {"two": 2, "one": "", "three": 3}}),
                "4gf75c7476",
            ),
            (
                "stringdata",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type", "data": {"one": ""}, "stringData": {"two": 2}}),
                "c4h4264gdb",
            ),
            (
                "empty stringdata",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type", "data": {"one": ""}}),
                "74bd68bm66",
            ),
        ];
        for (desc, obj, hash) in cases {
            assert_eq!(name_hash(&obj).as_deref(), Ok(hash), "case {desc:?}");
        }
    }

    // Ports hasher_test.go TestBasicHash only in part: Go hashes
    // `json.Marshal(node.YNode())` for kinds other than ConfigMap and
    // Secret, a dump of the yaml.Node struct with its line and column
    // numbers ("244782mkb7" for "minimal", "59m2mdccg4" for "with
    // spec"), which a JSON value cannot reproduce; here they are errors.
    #[test]
    fn kubectls_append_hash_suffixes() {
        // What kubectl 1.33 named these (`--append-hash --dry-run=client -o name`).
        let cm =
            |data: Value| json!({"kind": "ConfigMap", "metadata": {"name": "c"}, "data": data});
        assert_eq!(kubectl_name_hash(&cm(json!({"a": "b"}))), "m4h6ctkgb2");
        let empty = json!({"kind": "ConfigMap", "metadata": {"name": "c"}});
        assert_eq!(kubectl_name_hash(&empty), "94b26g54cg");
        let secret = json!({"kind": "Secret", "metadata": {"name": "s"}, "data": {"a": "Yg=="}});
        assert_eq!(kubectl_name_hash(&secret), "7fd2tm89d8");
        let mut tls = secret.clone();
        tls["type"] = json!("kubernetes.io/tls");
        assert_eq!(kubectl_name_hash(&tls), "bc9md49c9c");
    }

    #[test]
    fn basic_hash_other_kinds_refused() {
        let minimal = json!({"apiVersion": "test/v1", "kind": "TestResource", "metadata": {"name": "my-resource"}});
        let with_spec = json!({
            "apiVersion": "test/v1", "kind": "TestResource", "metadata": {"name": "my-resource"},
            "spec": {"foo": 1, "bar": "abc"}
        });
        for obj in [minimal, with_spec] {
            let err = name_hash(&obj).unwrap_err();
            assert!(err.contains("TestResource"), "{err}");
        }
        assert!(name_hash(&json!({})).is_err());
        assert!(name_hash(&json!(null)).is_err());
        assert!(name_hash(&json!("ConfigMap")).is_err());
    }

    // Ports hasher_test.go TestEncodeConfigMap.
    #[test]
    fn encode_config_map_cases() {
        let cases = [
            (
                "empty data",
                json!({"apiVersion": "v1", "kind": "ConfigMap"}),
                r#"{"data":"","kind":"ConfigMap","name":""}"#,
            ),
            (
                "one key",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"one": ""}}),
                r#"{"data":{"one":""},"kind":"ConfigMap","name":""}"#,
            ),
            (
                "three keys",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"two": 2, "one": "", "three": 3}}),
                r#"{"data":{"one":"","three":3,"two":2},"kind":"ConfigMap","name":""}"#,
            ),
            (
                "empty data",
                json!({"apiVersion": "v1", "kind": "ConfigMap"}),
                r#"{"data":"","kind":"ConfigMap","name":""}"#,
            ),
            (
                "one key",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "binaryData": {"one": ""}}),
                r#"{"binaryData":{"one":""},"data":"","kind":"ConfigMap","name":""}"#,
            ),
            (
                "three keys",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "binaryData": {"two": 2, "one": "", "three": 3}}),
                r#"{"binaryData":{"one":"","three":3,"two":2},"data":"","kind":"ConfigMap","name":""}"#,
            ),
            (
                "two keys with one each",
                json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"one": ""}, "binaryData": {"two": ""}}),
                r#"{"binaryData":{"two":""},"data":{"one":""},"kind":"ConfigMap","name":""}"#,
            ),
        ];
        for (desc, obj, expect) in cases {
            assert_eq!(encode_config_map(&obj), expect, "case {desc:?}");
        }
    }

    // Ports hasher_test.go TestEncodeSecret.
    #[test]
    fn encode_secret_cases() {
        let cases = [
            (
                "empty data",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type"}),
                r#"{"data":"","kind":"Secret","name":"","type":"my-type"}"#,
            ),
            (
                "one key",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type", "data": {"one": ""}}),
                r#"{"data":{"one":""},"kind":"Secret","name":"","type":"my-type"}"#,
            ),
            (
                "three keys",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type", "data": {"two": 2, "one": "", "three": 3}}),
                r#"{"data":{"one":"","three":3,"two":2},"kind":"Secret","name":"","type":"my-type"}"#,
            ),
            (
                "stringdata",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type", "data": {"one": ""}, "stringData": {"two": 2}}),
                r#"{"data":{"one":""},"kind":"Secret","name":"","stringData":{"two":2},"type":"my-type"}"#,
            ),
            (
                "empty stringdata",
                json!({"apiVersion": "v1", "kind": "Secret", "type": "my-type", "data": {"one": ""}}),
                r#"{"data":{"one":""},"kind":"Secret","name":"","type":"my-type"}"#,
            ),
        ];
        for (desc, obj, expect) in cases {
            assert_eq!(encode_secret(&obj), expect, "case {desc:?}");
        }
    }

    // The names kustomize's own build tests expect for generated objects
    // (api/krusty/configmaps_test.go), the objects written as the
    // generators make them. The metadata.name does not enter the hash.
    #[test]
    fn krusty_generated_names() {
        // TestGeneratorIntVsStringNoMerge: bob-79t79mt227.
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "bob"},
            "data": {"fruit": "Indian Gooseberry", "year": "2020", "crisis": "true"}});
        assert_eq!(name_hash(&cm).as_deref(), Ok("79t79mt227"));
        // TestGeneratorIntVsStringWithMerge: bob-bk46gm59c6.
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "bob"},
            "data": {"fruit": "Indian Gooseberry", "year": "2020", "crisis": "true", "month": "12"}});
        assert_eq!(name_hash(&cm).as_deref(), Ok("bk46gm59c6"));
        // TestGeneratorFromProperties: test-configmap-hdghb5ddkg.
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "test-configmap"},
            "data": {"VAR1": "100", "VAR2": "200"}});
        assert_eq!(name_hash(&cm).as_deref(), Ok("hdghb5ddkg"));
        // TestGeneratorBasics: blah-bob-g9df72cd5b (newlines escaped).
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "blah-bob"},
            "data": {
                "BIRD": "falcon", "MOUNTAIN": "everest", "OCEAN": "pacific",
                "forces.txt": "\ngravitational\nelectromagnetic\nstrong nuclear\nweak nuclear\n",
                "fruit": "apple",
                "passphrase": "\nLife is short.\nBut the years are long.\nNot while the evil days come not.\n",
                "vegetable": "broccoli"}});
        assert_eq!(name_hash(&cm).as_deref(), Ok("g9df72cd5b"));
        // TestGeneratorBasics: blah-json-m8529t979f (quotes escaped).
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "blah-json"},
            "data": {
                "druid_segmentCache_locations": "[{\"path\": \"var/druid/segment-cache\", \"maxSize\": 32000000000, \"freeSpacePercent\": 1.0}]",
                "v2": "[{\"path\": \"var/druid/segment-cache\"}]"}});
        assert_eq!(name_hash(&cm).as_deref(), Ok("m8529t979f"));
        // TestGeneratorBasics: blah-bob-58g62h555c (a Secret, type Opaque).
        // kyaml's encodeBase64 (yaml/datamap.go) breaks base64 longer than
        // 70 characters into lines, each ending in "\n": the `|` blocks of
        // the expected output.
        let secret = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "blah-bob"},
            "type": "Opaque",
            "data": {
                "BIRD": "ZmFsY29u", "MOUNTAIN": "ZXZlcmVzdA==", "OCEAN": "cGFjaWZpYw==",
                "forces.txt": "CmdyYXZpdGF0aW9uYWwKZWxlY3Ryb21hZ25ldGljCnN0cm9uZyBudWNsZWFyCndlYWsgbn\nVjbGVhcgo=\n",
                "fruit": "YXBwbGU=",
                "passphrase": "CkxpZmUgaXMgc2hvcnQuCkJ1dCB0aGUgeWVhcnMgYXJlIGxvbmcuCk5vdCB3aGlsZSB0aG\nUgZXZpbCBkYXlzIGNvbWUgbm90Lgo=\n",
                "vegetable": "YnJvY2NvbGk="}});
        assert_eq!(name_hash(&secret).as_deref(), Ok("58g62h555c"));
        // TestGeneratorRepeatsInKustomization: blah-bob-db529cg5bk.
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "blah-bob"},
            "data": {"fruit": "apple",
                "nobles": "\nhelium\nneon\nargon\nkrypton\nxenon\nradon\n",
                "vegetable": "broccoli"}});
        assert_eq!(name_hash(&cm).as_deref(), Ok("db529cg5bk"));
        // TestPrefixSuffix: a-example-configmap-6ct58987ht and
        // b-example-configmap-6ct58987ht, no data at all.
        for name in ["a-example-configmap", "b-example-configmap"] {
            let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}});
            assert_eq!(name_hash(&cm).as_deref(), Ok("6ct58987ht"));
        }
    }

    // getNodeValues on shapes the Go tests do not cover, read from the
    // Go code: an empty map stays `{}`, a list is null, a scalar is its
    // text, `immutable` is not hashed.
    #[test]
    fn field_shapes() {
        let cm = json!({"kind": "ConfigMap", "data": {}, "binaryData": {}});
        assert_eq!(
            encode_config_map(&cm),
            r#"{"binaryData":{},"data":{},"kind":"ConfigMap","name":""}"#
        );
        let cm = json!({"kind": "ConfigMap", "data": ["a"], "binaryData": ["b"]});
        assert_eq!(
            encode_config_map(&cm),
            r#"{"binaryData":null,"data":null,"kind":"ConfigMap","name":""}"#
        );
        let cm = json!({"kind": "ConfigMap", "data": 5, "binaryData": "x"});
        assert_eq!(
            encode_config_map(&cm),
            r#"{"data":"5","kind":"ConfigMap","name":""}"#
        );
        let cm = json!({"kind": "ConfigMap", "immutable": true, "stringData": {"a": "b"}, "metadata": {"name": "n"}});
        assert_eq!(
            encode_config_map(&cm),
            r#"{"data":"","kind":"ConfigMap","name":""}"#
        );
        let secret = json!({"kind": "Secret", "immutable": true, "binaryData": {"a": "b"}});
        assert_eq!(
            encode_secret(&secret),
            r#"{"data":"","kind":"Secret","name":"","type":""}"#
        );
        // The one object whose `name` is hashed: a top-level key spelled so.
        let odd = json!({"kind": "ConfigMap", "metadata/name": "x"});
        assert_eq!(
            encode_config_map(&odd),
            r#"{"data":"","kind":"ConfigMap","name":"x"}"#
        );
        let nested = json!({"kind": "ConfigMap", "data": {"b": {"z": [1, true, null], "a": 1.5}, "a": false}});
        assert_eq!(
            encode_config_map(&nested),
            r#"{"data":{"a":false,"b":{"a":1.5,"z":[1,true,null]}},"kind":"ConfigMap","name":""}"#
        );
    }

    // encoding/json's string escapes (Go's encode_test.go encodeStringTests
    // and its HTML-escape cases).
    #[test]
    fn go_string_escapes() {
        let s = |x: &str| go_json(&Value::String(x.into()));
        assert_eq!(s(""), r#""""#);
        assert_eq!(s("\\"), r#""\\""#);
        assert_eq!(s("\""), r#""\"""#);
        assert_eq!(s("\u{0}"), r#""\u0000""#);
        assert_eq!(s("\u{7}"), r#""\u0007""#);
        assert_eq!(s("\u{8}"), r#""\b""#);
        assert_eq!(s("\t"), r#""\t""#);
        assert_eq!(s("\n"), r#""\n""#);
        assert_eq!(s("\u{b}"), r#""\u000b""#);
        assert_eq!(s("\u{c}"), r#""\f""#);
        assert_eq!(s("\r"), r#""\r""#);
        assert_eq!(s("\u{1f}"), r#""\u001f""#);
        assert_eq!(s("\u{7f}"), "\"\u{7f}\"");
        assert_eq!(s("✭"), "\"✭\"");
        assert_eq!(
            s("<a href=\"x\">&</a>"),
            r#""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e""#
        );
        assert_eq!(s("\u{2028}\u{2029}"), r#""\u2028\u2029""#);
        assert_eq!(s("/"), r#""/""#);
    }

    // encoding/json's float64 encoder (Go's TestMarshalFloat style cases).
    #[test]
    fn go_float_format() {
        let go_float = |f: f64| go_json(&json!(f));
        assert_eq!(go_float(3.0), "3");
        assert_eq!(go_float(-0.0), "-0");
        assert_eq!(go_float(1.5), "1.5");
        assert_eq!(go_float(32000000000.0), "32000000000");
        assert_eq!(go_float(1e20), "100000000000000000000");
        assert_eq!(go_float(1e21), "1e+21");
        assert_eq!(go_float(1.5e300), "1.5e+300");
        assert_eq!(go_float(0.000001), "0.000001");
        assert_eq!(go_float(1e-7), "1e-7");
        assert_eq!(go_float(1.25e-10), "1.25e-10");
        assert_eq!(
            go_float(12345678901234567890u64 as f64),
            "12345678901234567000"
        );
        assert_eq!(go_float(0.1), "0.1");
    }

    #[test]
    fn encode_substitutes() {
        assert_eq!(encode("0123456789abcdef"), "gh2k456789");
        assert_eq!(encode("aaeebbcc3310"), "mmttbbcckk");
        assert_eq!(encode("abc"), "mbc");
    }
}
