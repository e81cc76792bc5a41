//! Python literals: numbers that read back as the same float64, and lists
//! wrapped to the width of a script.

/// The widest line the lists are wrapped to (PEP 8's 79).
pub(super) const WIDTH: usize = 79;

/// One indentation level.
pub(super) const INDENT: &str = "    ";

/// A float64 as a Python float literal that reads back as the same
/// number: Rust's shortest round-trip form (`0.01`, `1e-8`, `-2.5`,
/// `100.0`), which always has a `.` or an exponent, so Python reads a
/// float and never an int. Non-finite numbers (which a checked spec does
/// not hold) are written `float('inf')`, `float('-inf')`, `float('nan')`.
pub(super) fn float(value: f64) -> String {
    if value.is_nan() {
        "float('nan')".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 {
            "float('inf')".to_owned()
        } else {
            "float('-inf')".to_owned()
        }
    } else {
        format!("{value:?}")
    }
}

/// `True` or `False`.
pub(super) fn boolean(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// Fills lines of at most [`WIDTH`] columns (where the items allow it)
/// with `items`, each followed by `,`, the first line starting with
/// `indent` and the others with `indent` + `hang`.
fn fill(items: &[String], indent: &str, hang: &str, lines: &mut Vec<String>) {
    let mut line = String::new();
    for (i, item) in items.iter().enumerate() {
        if i == 0 {
            line = format!("{indent}{item},");
        } else if line.len() + " ".len() + item.len() + ",".len() <= WIDTH {
            line.push(' ');
            line.push_str(item);
            line.push(',');
        } else {
            lines.push(std::mem::take(&mut line));
            line = format!("{indent}{hang}{item},");
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
}

/// The elements of a list, one or more per line, at `indent` (the lines
/// between `[` and `]`).
fn elements(items: &[String], indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    fill(items, indent, "", &mut lines);
    lines
}

/// The rows of a matrix (or of a list of lists) between its `[` and `]`:
/// rows of one value share lines (`[1.5], [2.0], …`); longer rows start a
/// line each and continue, wrapped, one column further in.
fn row_lines(rows: &[Vec<String>], indent: &str) -> Vec<String> {
    if rows.iter().all(|row| row.len() == 1) {
        let items: Vec<String> = rows.iter().map(|row| format!("[{}]", row[0])).collect();
        return elements(&items, indent);
    }
    let mut lines = Vec::new();
    for row in rows {
        let mut items: Vec<String> = row.clone();
        if let Some(first) = items.first_mut() {
            first.insert(0, '[');
        }
        match items.last_mut() {
            Some(last) => last.push(']'),
            None => items.push("[]".to_owned()),
        }
        fill(&items, indent, " ", &mut lines);
    }
    lines
}

/// `head[…]tail` with a 1-D list of numbers: on one line when it fits,
/// else `head[`, the numbers wrapped one level further in, and `]tail`.
pub(super) fn list(head: &str, values: &[String], tail: &str, indent: &str) -> Vec<String> {
    bracketed(head, &values.join(", "), tail, indent, |inner| {
        elements(values, inner)
    })
}

/// `head[[…], …]tail` with a 2-D list: on one line when it fits, else
/// `head[`, the rows wrapped one level further in, and `]tail`.
pub(super) fn matrix(head: &str, rows: &[Vec<String>], tail: &str, indent: &str) -> Vec<String> {
    let joined: Vec<String> = rows
        .iter()
        .map(|row| format!("[{}]", row.join(", ")))
        .collect();
    bracketed(head, &joined.join(", "), tail, indent, |inner| {
        row_lines(rows, inner)
    })
}

/// `head[inline]tail` on one line when it fits, else `head[`, the lines
/// `wrapped` gives for the inner indent, and `]tail`.
fn bracketed(
    head: &str,
    inline: &str,
    tail: &str,
    indent: &str,
    wrapped: impl FnOnce(&str) -> Vec<String>,
) -> Vec<String> {
    let line = format!("{indent}{head}[{inline}]{tail}");
    if line.len() <= WIDTH {
        return vec![line];
    }
    let mut lines = vec![format!("{indent}{head}[")];
    lines.extend(wrapped(&format!("{indent}{INDENT}")));
    lines.push(format!("{indent}]{tail}"));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[f64]) -> Vec<String> {
        values.iter().copied().map(float).collect()
    }

    #[test]
    fn floats_read_back_exactly_and_as_floats() {
        for value in [0.01, 1e-8, -2.5, 100.0, 0.0, -0.0, 9.634576797485352, 1e300] {
            let text = float(value);
            assert!(text.contains('.') || text.contains('e'), "{text}");
            assert_eq!(text.parse::<f64>().map(f64::to_bits), Ok(value.to_bits()));
        }
        assert_eq!(float(1e-8), "1e-8");
        assert_eq!(float(f64::NAN), "float('nan')");
        assert_eq!(boolean(true), "True");
    }

    #[test]
    fn short_lists_stay_on_one_line() {
        assert_eq!(
            list("b = ", &strings(&[0.5, 1.0]), "", ""),
            ["b = [0.5, 1.0]"]
        );
        assert_eq!(
            matrix(
                "w = f(",
                &[strings(&[1.0, 2.0]), strings(&[3.0])],
                ")",
                "    "
            ),
            ["    w = f([[1.0, 2.0], [3.0]])"]
        );
    }

    #[test]
    fn long_lists_wrap_within_the_width() {
        let values: Vec<f64> = (0..40).map(|i| f64::from(i) * 0.123_456_789).collect();
        let column: Vec<Vec<String>> = values.iter().map(|v| vec![float(*v)]).collect();
        let lines = matrix("X = t(", &column, ")", "");
        assert_eq!(lines[0], "X = t([");
        assert_eq!(lines[lines.len() - 1], "])");
        assert!(lines[1].starts_with("    [0.0], [0.123456789], "));
        let body = &lines[1..lines.len() - 1];
        assert!(body.iter().all(|l| l.len() <= WIDTH && l.ends_with(',')));
        // Read back: every value once, in order.
        let text: String = body.join(" ");
        let read: Vec<f64> = text
            .split([',', '[', ']', ' '])
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().expect("number"))
            .collect();
        assert_eq!(read, values);

        let wide = vec![strings(&values[..20]), strings(&values[20..])];
        let lines = matrix("", &wide, "", "");
        assert!(lines[1].starts_with("    [0.0, "));
        assert!(lines[2].starts_with("     "), "{lines:?}");
        assert!(lines.iter().all(|l| l.len() <= WIDTH));
        let ends: Vec<&String> = lines.iter().filter(|l| l.ends_with("],")).collect();
        assert_eq!(ends.len(), 2, "{lines:?}");
    }
}
