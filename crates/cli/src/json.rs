//! Writing JSON with fields in a fixed order, numbers that round-trip, and
//! non-finite numbers as the strings "inf", "-inf", "nan".

use serde_json::Value;

/// A number: shortest round-trip form, or "inf" / "-inf" / "nan".
pub fn number(x: f64) -> String {
    if x.is_nan() {
        "\"nan\"".into()
    } else if x.is_infinite() {
        if x > 0.0 { "\"inf\"" } else { "\"-inf\"" }.into()
    } else {
        Value::from(x).to_string()
    }
}

/// A string, escaped.
pub fn string(s: &str) -> String {
    Value::from(s).to_string()
}

/// An array of already written values.
pub fn array(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    format!("[{}]", items.join(","))
}

/// An object of already written values, fields in the given order.
pub fn object(fields: &[(&str, String)]) -> String {
    let fields: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("{}:{value}", string(key)))
        .collect();
    format!("{{{}}}", fields.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_numbers_are_strings() {
        assert_eq!(number(f64::NAN), "\"nan\"");
        assert_eq!(number(f64::NEG_INFINITY), "\"-inf\"");
        assert_eq!(number(0.1), "0.1");
        let text = object(&[("b", number(1.5)), ("a", array([string("x")]))]);
        assert_eq!(text, r#"{"b":1.5,"a":["x"]}"#);
    }
}
