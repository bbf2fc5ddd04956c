//! The design diff: what changed between two versions of a design, matched by id. Components,
//! connections and containers added, removed and changed (property by property), moves on the
//! canvas alone counted in one line, then what the change did to the critique (findings fixed,
//! introduced, still open), to the scaling stage (guide §3.10) and to capacity and monthly cost.
//! Both sides are analysed by the one pipeline, [`Analysis`]; nothing here judges a design.

use crate::capacity::{CostRange, NodeEstimate, format};
use crate::critique::{Analysis, Finding, Severity, describe, describe_edge};
use crate::model::{Design, ReviewLevel};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// What happened to one node, edge or container.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One property that differs: its name as written in files (`instances`, `retry.policy`,
/// `container`) and both values as text (`None`: unset on that side).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PropChange {
    pub name: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl PropChange {
    /// `instances 1 → 3`, `tls off → on`, `timeout_ms unset → 200`.
    pub fn text(&self) -> String {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "unset".to_owned());
        format!(
            "{} {} → {}",
            self.name,
            show(&self.before),
            show(&self.after)
        )
    }
}

/// A node, edge or container that was added, removed or changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemChange {
    pub id: String,
    pub change: Change,
    /// How the item reads in a sentence (``app server `api` ``, `` `api` → `db` ``).
    pub what: String,
    /// The property changes (empty for added and removed items).
    pub props: Vec<PropChange>,
}

/// The critique of both sides, compared finding by finding. Two findings are the same when
/// they have the same rule and point at the same components and connections (the message
/// text is not compared: it may name a label that changed).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FindingsDiff {
    pub fixed: Vec<Finding>,
    pub introduced: Vec<Finding>,
    pub still_open: Vec<Finding>,
}

/// The scaling stage of each side (guide §3.10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StageChange {
    pub before: u8,
    pub before_name: &'static str,
    pub after: u8,
    pub after_name: &'static str,
}

/// Capacity and cost of one component on one side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Capacity {
    pub utilisation: Option<f64>,
    pub load: String,
    pub capacity: String,
    pub status: &'static str,
    pub cost: Option<CostRange>,
}

impl Capacity {
    fn of(e: &NodeEstimate) -> Self {
        Self {
            utilisation: e.utilisation,
            load: e.load_text(),
            capacity: e.capacity_text(),
            status: e.status.key(),
            cost: e.cost,
        }
    }

    /// `83 % (17k users of 20k users), $140–185/month`; `—` parts when unknown.
    pub fn text(&self) -> String {
        let u = self
            .utilisation
            .map(format::percent)
            .unwrap_or_else(|| "—".to_owned());
        let cost = self
            .cost
            .map(|c| format!(", {}/month", c.text()))
            .unwrap_or_default();
        format!("{u} ({} of {}){cost}", self.load, self.capacity)
    }
}

/// A component whose utilisation, status or cost differs between the sides.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityChange {
    pub id: String,
    pub before: Option<Capacity>,
    pub after: Option<Capacity>,
}

/// Everything that differs between two versions of a design.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DesignDiff {
    /// Changes to the design's own settings: title, notes, review level, workload figures,
    /// suppressions.
    pub design: Vec<PropChange>,
    pub nodes: Vec<ItemChange>,
    pub edges: Vec<ItemChange>,
    pub containers: Vec<ItemChange>,
    /// Components whose only change is their place on the canvas.
    pub moved_nodes: usize,
    /// Containers whose only change is their rectangle on the canvas.
    pub moved_containers: usize,
    pub findings: FindingsDiff,
    pub stage: StageChange,
    pub capacity: Vec<CapacityChange>,
    pub total_cost_before: CostRange,
    pub total_cost_after: CostRange,
}

impl DesignDiff {
    /// Whether the two versions are the same design (moves on the canvas are changes too).
    pub fn is_empty(&self) -> bool {
        self.design.is_empty()
            && self.nodes.is_empty()
            && self.edges.is_empty()
            && self.containers.is_empty()
            && self.moved_nodes == 0
            && self.moved_containers == 0
            && self.findings.fixed.is_empty()
            && self.findings.introduced.is_empty()
            && self.stage.before == self.stage.after
            && self.capacity.is_empty()
    }

    /// Findings the change introduced at `severity` or worse (errors first).
    pub fn introduced_at_least(&self, severity: Severity) -> usize {
        self.findings
            .introduced
            .iter()
            .filter(|f| f.severity <= severity)
            .count()
    }
}

/// Compares two designs, each reviewed at `level` (or its own level when `None`).
pub fn diff(old: &Design, new: &Design, level: Option<ReviewLevel>) -> DesignDiff {
    let a = Analysis::at(old, level.unwrap_or(old.review_level));
    let b = Analysis::at(new, level.unwrap_or(new.review_level));
    diff_analysed(old, &a, new, &b)
}

/// [`diff`] with the analyses the caller already has.
pub fn diff_analysed(old: &Design, a: &Analysis, new: &Design, b: &Analysis) -> DesignDiff {
    let (nodes, moved_nodes) = items(
        &old.nodes,
        &new.nodes,
        |n| n.id.as_str(),
        describe,
        |x, y| {
            let mut x = x.clone();
            x.pos = y.pos;
            x == *y
        },
    );
    let (edges, _) = items(
        &old.edges,
        &new.edges,
        |e| e.id.as_str(),
        |e| format!("`{}`: {}", e.id, describe_edge(e)),
        |_, _| false,
    );
    let (containers, moved_containers) = items(
        &old.containers,
        &new.containers,
        |c| c.id.as_str(),
        |c| {
            let kind = crate::model::catalog::container_info(c.kind).name;
            format!("{} `{}`", kind.to_lowercase(), c.id)
        },
        |x, y| {
            x.id == y.id
                && x.kind == y.kind
                && x.label == y.label
                && x.parent == y.parent
                && x.geo == y.geo
        },
    );
    DesignDiff {
        design: design_settings(old, new),
        nodes,
        edges,
        containers,
        moved_nodes,
        moved_containers,
        findings: findings(&a.report.findings, &b.report.findings),
        stage: StageChange {
            before: a.report.profile.stage,
            before_name: a.report.profile.name,
            after: b.report.profile.stage,
            after_name: b.report.profile.name,
        },
        capacity: capacity(old, a, new, b),
        total_cost_before: a.estimate.total_cost,
        total_cost_after: b.estimate.total_cost,
    }
}

/// Matches two lists by id. Returns the changes and how many items differ only in what
/// `moved_only` ignores (their place on the canvas).
fn items<T: Serialize + PartialEq>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    what: impl Fn(&T) -> String,
    moved_only: impl Fn(&T, &T) -> bool,
) -> (Vec<ItemChange>, usize) {
    let by_id: HashMap<&str, &T> = new.iter().map(|x| (id(x), x)).collect();
    let old_ids: HashMap<&str, &T> = old.iter().map(|x| (id(x), x)).collect();
    let mut out = Vec::new();
    let mut moved = 0;
    for x in old {
        match by_id.get(id(x)) {
            None => out.push(ItemChange {
                id: id(x).to_owned(),
                change: Change::Removed,
                what: what(x),
                props: Vec::new(),
            }),
            Some(&y) if x == y => {}
            Some(&y) if moved_only(x, y) => moved += 1,
            Some(&y) => out.push(ItemChange {
                id: id(y).to_owned(),
                change: Change::Changed,
                what: what(y),
                props: prop_changes(&to_value(x), &to_value(y)),
            }),
        }
    }
    for y in new {
        if !old_ids.contains_key(id(y)) {
            out.push(ItemChange {
                id: id(y).to_owned(),
                change: Change::Added,
                what: what(y),
                props: Vec::new(),
            });
        }
    }
    (out, moved)
}

fn to_value<T: Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// Property changes between two serialised items: nested settings are flattened to dotted
/// names (`retry.policy`), the `props` group is unwrapped (its keys are the file's property
/// names), the place on the canvas (`pos`, `rect`) is left out, and `id` never differs.
fn prop_changes(a: &Value, b: &Value) -> Vec<PropChange> {
    let (mut fa, mut fb) = (BTreeMap::new(), BTreeMap::new());
    flatten("", a, &mut fa);
    flatten("", b, &mut fb);
    let mut names: Vec<&String> = fa.keys().chain(fb.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| !matches!(n.as_str(), "pos" | "rect" | "id"))
        .filter_map(|n| {
            let (x, y) = (fa.get(n), fb.get(n));
            (x != y).then(|| PropChange {
                name: n.clone(),
                before: x.map(show),
                after: y.map(show),
            })
        })
        .collect()
}

/// The properties of a serialised item as `(dotted name, shown value)` pairs, sorted by name
/// (the same flattening the diff compares).
pub fn flat_props(v: &Value) -> Vec<(String, String)> {
    let mut m = BTreeMap::new();
    flatten("", v, &mut m);
    m.into_iter().map(|(k, v)| (k, show(&v))).collect()
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let name = match (prefix, k.as_str()) {
                    ("", "props") => String::new(),
                    ("", _) => k.clone(),
                    (p, _) => format!("{p}.{k}"),
                };
                if name.is_empty() {
                    flatten("", x, out);
                } else if x.is_object() {
                    flatten(&name, x, out);
                } else if !x.is_null() {
                    out.insert(name, x.clone());
                }
            }
        }
        Value::Null => {}
        other => {
            out.insert(prefix.to_owned(), other.clone());
        }
    }
}

/// A value as the diff prints it: booleans as `on`/`off`, lists as `[a, b]`, text bare.
fn show(v: &Value) -> String {
    match v {
        Value::Bool(true) => "on".to_owned(),
        Value::Bool(false) => "off".to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        Value::Null => "unset".to_owned(),
        other => other.to_string(),
    }
}

/// Changes to the design's settings (metadata, review level, workload, suppressions).
fn design_settings(old: &Design, new: &Design) -> Vec<PropChange> {
    let settings = |d: &Design| {
        serde_json::json!({
            "title": d.metadata.title,
            "description": d.metadata.description,
            "notes": d.metadata.notes,
            "review_level": d.review_level,
            "workload": d.workload,
            "suppressions": d.suppressions,
        })
    };
    prop_changes(&settings(old), &settings(new))
        .into_iter()
        .map(|mut c| {
            // Long texts read as "changed", not as two paragraphs.
            if matches!(c.name.as_str(), "description" | "notes") {
                c.before = c.before.map(|_| "…".to_owned());
                c.after = c.after.map(|_| "(changed)".to_owned());
            }
            c
        })
        .collect()
}

/// The key that matches a finding across versions: rule, then the sorted ids it points at.
type FindingKey = (&'static str, Vec<String>, Vec<String>);

fn finding_key(f: &Finding) -> FindingKey {
    let mut nodes: Vec<String> = f.nodes.iter().map(|n| n.to_string()).collect();
    let mut edges: Vec<String> = f.edges.iter().map(|e| e.to_string()).collect();
    nodes.sort_unstable();
    edges.sort_unstable();
    (f.rule, nodes, edges)
}

/// Pairs active findings off by [`finding_key`] (as multisets: a rule that fires twice on the
/// same components needs two matches), then pairs what is left by rule and a shared component
/// (a finding regrouped between versions).
fn findings(old: &[Finding], new: &[Finding]) -> FindingsDiff {
    let old: Vec<&Finding> = old.iter().filter(|f| f.suppressed.is_none()).collect();
    let mut pool: HashMap<FindingKey, Vec<usize>> = HashMap::new();
    for (i, f) in old.iter().enumerate() {
        pool.entry(finding_key(f)).or_default().push(i);
    }
    let mut matched = vec![false; old.len()];
    let mut out = FindingsDiff::default();
    for f in new.iter().filter(|f| f.suppressed.is_none()) {
        match pool.get_mut(&finding_key(f)).and_then(|v| v.pop()) {
            Some(i) => {
                matched[i] = true;
                out.still_open.push(f.clone());
            }
            None => out.introduced.push(f.clone()),
        }
    }
    // A finding the critique regrouped (per caller in one version, design-wide or with another
    // set of components in the other) is the same problem still open, not one fixed and one
    // introduced: same rule and at least one component in common.
    let mut unmatched: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in old.iter().enumerate().filter(|&(i, _)| !matched[i]) {
        unmatched.entry(g.rule).or_default().push(i);
    }
    let mut introduced = Vec::new();
    for f in std::mem::take(&mut out.introduced) {
        let same_rule = unmatched.get_mut(f.rule);
        let regrouped = same_rule.and_then(|olds| {
            let at = olds
                .iter()
                .position(|&i| old[i].nodes.iter().any(|n| f.nodes.contains(n)))?;
            Some(olds.swap_remove(at))
        });
        match regrouped {
            Some(i) => {
                matched[i] = true;
                out.still_open.push(f);
            }
            None => introduced.push(f),
        }
    }
    out.introduced = introduced;
    out.fixed = old
        .into_iter()
        .zip(matched)
        .filter(|(_, m)| !m)
        .map(|(f, _)| f.clone())
        .collect();
    out
}

/// Components whose capacity figures differ, in the new design's order, then removed ones.
fn capacity(old: &Design, a: &Analysis, new: &Design, b: &Analysis) -> Vec<CapacityChange> {
    let before: HashMap<&str, Capacity> = old
        .nodes
        .iter()
        .zip(&a.estimate.nodes)
        .map(|(n, e)| (n.id.as_str(), Capacity::of(e)))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let known = |c: &Capacity| c.utilisation.is_some() || c.cost.is_some();
    for (n, e) in new.nodes.iter().zip(&b.estimate.nodes) {
        seen.insert(n.id.as_str());
        let after = Capacity::of(e);
        let was = before.get(n.id.as_str());
        let differs = match was {
            Some(w) => w != &after && (known(w) || known(&after)),
            None => known(&after),
        };
        if differs {
            out.push(CapacityChange {
                id: n.id.to_string(),
                before: was.cloned(),
                after: Some(after),
            });
        }
    }
    for n in &old.nodes {
        if let Some(w) = before.get(n.id.as_str())
            && !seen.contains(n.id.as_str())
            && known(w)
        {
            out.push(CapacityChange {
                id: n.id.to_string(),
                before: Some(w.clone()),
                after: None,
            });
        }
    }
    out
}
