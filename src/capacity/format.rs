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
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
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
