//! Number formatting shared by the CLI table, the canvas overlay and the report.

/// `12345.6` → `12,346`; values under 10 keep one decimal (`2.5`).
pub fn thousands(v: f64) -> String {
    if !v.is_finite() {
        return "∞".to_owned();
    }
    if v.abs() < 10.0 && v.fract() != 0.0 {
        return format!("{v:.1}");
    }
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    // One string of the final size (estimates format thousands of figures).
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.bytes().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(digit));
    }
    out
}

/// A compact figure for badges: `950`, `12k`, `1.5k`, `2.3M`.
pub fn compact(v: f64) -> String {
    if !v.is_finite() {
        return "∞".to_owned();
    }
    let a = v.abs();
    let (x, suffix) = if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "k")
    } else {
        return thousands(v);
    };
    if x.abs() < 10.0 {
        format!("{x:.1}{suffix}")
    } else {
        format!("{x:.0}{suffix}")
    }
}

/// `0.834` → `83 %`.
pub fn percent(ratio: f64) -> String {
    if ratio.is_finite() {
        format!("{:.0} %", ratio * 100.0)
    } else {
        "∞".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_groups_digits_and_keeps_the_sign() {
        assert_eq!(thousands(12_345.6), "12,346");
        assert_eq!(thousands(-1_234_567.0), "-1,234,567");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(-42.0), "-42");
        assert_eq!(thousands(2.5), "2.5");
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(f64::INFINITY), "∞");
    }
}
