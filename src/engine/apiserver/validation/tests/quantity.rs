//! `resource.Quantity` parsing and canonical strings, against the values
//! the API server writes back.

use std::cmp::Ordering;

use crate::engine::apiserver::validation::quantity::{Quantity, QuantityError};

fn canon(s: &str) -> String {
    Quantity::parse(s)
        .map(|q| q.to_canonical_string())
        .unwrap_or_else(|e| format!("error: {e}"))
}

#[test]
fn canonical_forms() {
    for (input, want) in [
        ("1Gi", "1Gi"),
        ("1024Mi", "1Gi"),
        ("1536Mi", "1536Mi"),
        ("1.5Gi", "1536Mi"),
        ("0.5Gi", "512Mi"),
        ("500m", "500m"),
        ("0.5", "500m"),
        (".5", "500m"),
        ("1e3", "1e3"),
        ("1E3", "1E3"),
        ("1000", "1k"),
        ("1.0", "1"),
        ("100", "100"),
        ("1k", "1k"),
        ("1500u", "1500u"),
        ("0", "0"),
        ("00", "0"),
        ("-1Gi", "-1Gi"),
        ("+1Gi", "+1Gi"),
        ("8Ei", "9223372036854775807"),
        ("1e-20", "1e-9"),
        ("0.0001", "100u"),
        ("12345678901234567890", "12345678901234567890"),
        ("1023Ki", "1023Ki"),
        ("1.5", "1500m"),
        ("10Gi", "10Gi"),
        ("2048", "2048"),
        ("5.", "5."),
    ] {
        assert_eq!(canon(input), want, "{input}");
    }
}

#[test]
fn parse_errors_use_apimachinery_texts() {
    for (input, err) in [
        ("", QuantityError::Format),
        ("1GB", QuantityError::Format),
        ("abc", QuantityError::Format),
        ("1.2.3", QuantityError::Format),
        ("1K", QuantityError::Suffix),
        ("1e", QuantityError::Suffix),
        ("1m5", QuantityError::Suffix),
    ] {
        assert_eq!(Quantity::parse(input).err(), Some(err), "{input}");
    }
    assert_eq!(QuantityError::Format.to_string(), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    assert_eq!(
        QuantityError::Suffix.to_string(),
        "unable to parse quantity's suffix"
    );
}

#[test]
fn rounding_and_values() {
    let mut q = Quantity::parse("1500u").unwrap();
    q.round_up_milli();
    assert_eq!(q.to_canonical_string(), "2m");
    let mut q = Quantity::parse("0.0001").unwrap();
    q.round_up_milli();
    assert_eq!(q.to_canonical_string(), "1m");
    assert_eq!(Quantity::parse("1.5").unwrap().value(), 2);
    assert_eq!(Quantity::parse("-1.5").unwrap().value(), -2);
    assert_eq!(Quantity::parse("1.0005").unwrap().milli_value(), 1001);
    assert_eq!(Quantity::parse("1Ei").unwrap().value(), 1 << 60);
    assert_eq!(Quantity::parse("1e30").unwrap().value(), i64::MAX);
}

#[test]
fn comparisons_ignore_format() {
    let q = |s: &str| Quantity::parse(s).unwrap();
    assert_eq!(q("1Gi").cmp_value(&q("1G")), Ordering::Greater);
    assert_eq!(q("1024Mi"), q("1Gi"));
    assert_eq!(q("500m").cmp_value(&q("0.5")), Ordering::Equal);
    assert_eq!(q("-1").cmp_value(&q("0")), Ordering::Less);
    assert_eq!(q("-2").cmp_value(&q("-1")), Ordering::Less);
}

#[test]
fn no_input_panics() {
    for s in [
        "-",
        "+",
        ".",
        "-.",
        "e5",
        "1e99999999999999999999",
        "1e-2147483648",
        "9".repeat(400).as_str(),
        "0.000000000000001Ei",
        "\u{1F600}",
        "1\u{1F600}",
    ] {
        let _ = Quantity::parse(s).map(|q| (q.to_canonical_string(), q.value(), q.milli_value()));
    }
}
