//! `archway whatif FILE --fail ID[,ID…] | --chaos | --traffic xN|sweep | --users N`: what
//! happens to the design's user flows when components, zones or connections fail, and which
//! component saturates first when traffic grows.

use super::console;
use crate::capacity::format;
use crate::review::whatif::{Outcome, Verdict, WhatIf};
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `archway whatif`.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("question").required(true).args(["fail", "chaos", "traffic", "users"])))]
pub struct WhatIfArgs {
    /// The design file.
    pub file: PathBuf,
    /// Fail these together: component ids (one machine of each), container ids (a zone or
    /// subnet and everything in it), or connection ids.
    #[arg(long, value_delimiter = ',', value_name = "ID[,ID…]")]
    pub fail: Vec<String>,
    /// Fail every component, then every availability zone, one at a time, and list those
    /// whose loss breaks a flow.
    #[arg(long)]
    pub chaos: bool,
    /// Scale today's load: `x10` (or `10`), or `sweep` for the multiple at which each
    /// component saturates.
    #[arg(long, value_name = "xN|sweep")]
    pub traffic: Option<String>,
    /// Scale the load to this many concurrent users.
    #[arg(long, value_name = "N")]
    pub users: Option<f64>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs the question. Exit status 0 when every flow still works (or works degraded), 1 when a
/// flow breaks (or, for traffic, a component goes over 100 %), 2 when the file cannot be loaded
/// or an id is unknown.
pub fn run(args: &WhatIfArgs) -> ExitCode {
    let Some(file) = console::load(&args.file) else {
        return ExitCode::from(2);
    };
    let w = WhatIf::new(&file.design);
    if !args.fail.is_empty() {
        let ids: Vec<&str> = args.fail.iter().map(String::as_str).collect();
        let targets = match w.targets(&ids) {
            Ok(t) => t,
            Err(e) => {
                return console::fail(format!(
                    "no component, container or connection has the id `{}`",
                    crate::model::text::terminal_safe(&e.0)
                ));
            }
        };
        let out = w.fail(&targets);
        if args.json {
            console::print(&console::json_text(
                &serde_json::to_value(&out).unwrap_or_default(),
            ));
        } else {
            console::print(&crate::review::render::safe_lines(&outcome_text(&out)));
        }
        return if out.broken().next().is_some() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    if args.chaos {
        let hits = w.chaos();
        if args.json {
            console::print(&console::json_text(
                &serde_json::to_value(&hits).unwrap_or_default(),
            ));
        } else {
            let mut s = String::new();
            if hits.is_empty() {
                s.push_str("no single component or zone breaks a flow when it fails\n");
            } else {
                let _ = writeln!(s, "single points of failure (simulated): {}", hits.len());
                for h in &hits {
                    let _ = writeln!(
                        s,
                        "  {} `{}` breaks {} flow(s)",
                        h.what,
                        h.id,
                        h.breaks.len()
                    );
                    for f in &h.breaks {
                        let why = f.reasons.first().map(String::as_str).unwrap_or("");
                        let _ = writeln!(s, "      {}: {why}", f.flow);
                    }
                }
            }
            console::print(&crate::review::render::safe_lines(&s));
        }
        return if hits.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    let (multiple, sweep) = match (&args.traffic, args.users) {
        (Some(t), _) if t.trim() == "sweep" => (1.0, true),
        (Some(t), _) => match t.trim().trim_start_matches(['x', 'X', '×']).parse::<f64>() {
            Ok(m) if m.is_finite() && m > 0.0 => (m, false),
            _ => {
                return console::fail(format!(
                    "--traffic takes xN (x10) or sweep, not `{}`",
                    crate::model::text::terminal_safe(t)
                ));
            }
        },
        (None, Some(users)) => match w.users_multiple(users) {
            Some(m) if m.is_finite() && m > 0.0 => (m, false),
            _ => {
                return console::fail(
                    "the design's workload gives no concurrent-user figure to scale from",
                );
            }
        },
        (None, None) => {
            return console::fail("ask one question: --fail, --chaos, --traffic or --users");
        }
    };
    let rows = w.traffic(multiple);
    if args.json {
        console::print(&console::json_text(&serde_json::json!({
            "multiple": multiple,
            "components": serde_json::to_value(&rows).unwrap_or_default(),
        })));
    } else {
        let mut s = String::new();
        if rows.is_empty() {
            s.push_str("no component has a utilisation figure (set workload figures and tiers; `archway estimate` shows what is known)\n");
        } else if sweep {
            s.push_str("saturates at (multiple of today's load), first first:\n");
            for r in &rows {
                let _ = writeln!(
                    s,
                    "  ×{:<8} {} (now {})\n             next: {}",
                    format::compact(r.saturates_at),
                    r.id,
                    format::percent(r.utilisation_now),
                    r.next_step
                );
            }
        } else {
            let _ = writeln!(s, "at ×{} today's load:", format::compact(multiple));
            for r in &rows {
                let mark = if r.utilisation >= 1.0 {
                    "OVER"
                } else if r.utilisation >= 0.7 {
                    "hot"
                } else {
                    "ok"
                };
                let _ = writeln!(
                    s,
                    "  {:<24} {:>7}  {mark}",
                    r.id,
                    format::percent(r.utilisation)
                );
            }
            let first = &rows[0];
            let _ = writeln!(
                s,
                "\nfirst to saturate: `{}` at ×{} today's load\nnext step: {}",
                first.id,
                format::compact(first.saturates_at),
                first.next_step
            );
        }
        console::print(&crate::review::render::safe_lines(&s));
    }
    if !sweep && rows.iter().any(|r| r.utilisation >= 1.0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The outcome of a failure as text: what failed, each flow's verdict and why, survivors'
/// load, and what queues buffer.
pub fn outcome_text(out: &Outcome) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "failing: {}", out.failed.join("; "));
    let count = |v: Verdict| out.flows.iter().filter(|f| f.verdict == v).count();
    let _ = writeln!(
        s,
        "flows: {} work, {} degraded, {} break\n",
        count(Verdict::Works),
        count(Verdict::Degraded),
        count(Verdict::Breaks)
    );
    for f in &out.flows {
        let _ = writeln!(s, "  {:<8} {}", f.verdict.key(), f.flow);
        for r in &f.reasons {
            let _ = writeln!(s, "             {r}");
        }
    }
    if !out.survivors.is_empty() {
        s.push_str("\nload on the survivors after failover:\n");
        for v in &out.survivors {
            let util = match (v.utilisation_before, v.utilisation_after) {
                (Some(a), Some(b)) => format!(
                    ", utilisation {} → {}",
                    format::percent(a),
                    format::percent(b)
                ),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "  `{}`: {} of {} instances left, each at {} of its previous load{util}",
                v.id,
                v.of - v.lost,
                v.of,
                format::percent(v.factor)
            );
        }
    }
    if !out.buffering.is_empty() {
        s.push_str("\nqueues buffering:\n");
        for b in &out.buffering {
            let _ = writeln!(s, "  {b}");
        }
    }
    s
}
