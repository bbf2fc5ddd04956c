//! Review overlays: which components, connections and containers a what-if failure, a traffic
//! multiple or a design diff colours, and with which tone, plus the legend that explains them.
//! The review layer builds an [`Overlay`]; the canvas and the SVG export both draw it, with the
//! colours of [`Tone::color`], so the editor and a review document show the same picture.

use super::Rgb;
use crate::model::{Design, Node};

/// How an overlay marks one element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tone {
    /// Failed on purpose (what-if): drawn red and crossed out.
    Failed,
    /// Lost service because of the failure, or part of a broken flow: red.
    Lost,
    /// Works on redundancy, or part of a degraded flow: amber.
    Degraded,
    /// Added by the change being compared: green outline.
    Added,
    /// Removed by the change: a red ghost at its old place.
    Removed,
    /// Changed by the change: amber.
    Changed,
    /// Utilisation at a traffic multiple (1.0 is 100 % of capacity): green, amber from 70 %,
    /// red from 100 %.
    Load(f32),
}

impl Tone {
    /// The tone's colour (the same red, amber and green as finding severities and capacity
    /// pills).
    pub fn color(self) -> Rgb {
        const RED: Rgb = Rgb(0xdc, 0x26, 0x26);
        const DARK_RED: Rgb = Rgb(0x99, 0x1b, 0x1b);
        const AMBER: Rgb = Rgb(0xd9, 0x77, 0x06);
        const GREEN: Rgb = Rgb(0x16, 0xa3, 0x4a);
        match self {
            Tone::Failed => DARK_RED,
            Tone::Lost | Tone::Removed => RED,
            Tone::Degraded | Tone::Changed => AMBER,
            Tone::Added => GREEN,
            Tone::Load(u) if u >= 1.0 => RED,
            Tone::Load(u) if u >= 0.7 => AMBER,
            Tone::Load(_) => GREEN,
        }
    }

    /// What the tone means, for legends: `failed`, `lost service`, …
    pub fn label(self) -> &'static str {
        match self {
            Tone::Failed => "failed",
            Tone::Lost => "lost service / flow breaks",
            Tone::Degraded => "degraded (redundancy carries it)",
            Tone::Added => "added",
            Tone::Removed => "removed",
            Tone::Changed => "changed",
            Tone::Load(u) if u >= 1.0 => "over capacity",
            Tone::Load(u) if u >= 0.7 => "hot (70 % or more)",
            Tone::Load(_) => "within capacity",
        }
    }

    /// Whether the element is drawn crossed out.
    pub fn crossed(self) -> bool {
        self == Tone::Failed
    }
}

/// One line of an overlay's legend: a coloured key (or none) and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendLine {
    pub tone: Option<Tone>,
    pub text: String,
}

/// The marks a review puts on one design: tones parallel to the design's nodes, edges and
/// containers, ghosts of removed components, and a legend (title first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    /// One line saying what is shown (`What if `db` fails`).
    pub title: String,
    /// Parallel to `design.nodes`.
    pub nodes: Vec<Option<Tone>>,
    /// Parallel to `design.edges`.
    pub edges: Vec<Option<Tone>>,
    /// Parallel to `design.containers`.
    pub containers: Vec<Option<Tone>>,
    /// Components of another version drawn as ghosts at their place there (removed ones).
    pub ghosts: Vec<Node>,
    /// The legend under the title: the keys, then what happened in words.
    pub legend: Vec<LegendLine>,
}

impl Overlay {
    /// An overlay of `design` that marks nothing yet.
    pub fn new(design: &Design, title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            nodes: vec![None; design.nodes.len()],
            edges: vec![None; design.edges.len()],
            containers: vec![None; design.containers.len()],
            ghosts: Vec::new(),
            legend: Vec::new(),
        }
    }

    /// The tone of node `n` (none when out of range: the overlay was made for another design).
    pub fn node(&self, n: usize) -> Option<Tone> {
        self.nodes.get(n).copied().flatten()
    }

    /// The tone of edge `e`.
    pub fn edge(&self, e: usize) -> Option<Tone> {
        self.edges.get(e).copied().flatten()
    }

    /// The tone of container `c`.
    pub fn container(&self, c: usize) -> Option<Tone> {
        self.containers.get(c).copied().flatten()
    }

    /// Marks node `n` with `tone` unless it already has a stronger one ([`Tone::Failed`] over
    /// [`Tone::Lost`] over the rest).
    pub fn mark_node(&mut self, n: usize, tone: Tone) {
        if let Some(slot) = self.nodes.get_mut(n) {
            *slot = Some(stronger(*slot, tone));
        }
    }

    /// Marks edge `e` with `tone` unless it already has a stronger one.
    pub fn mark_edge(&mut self, e: usize, tone: Tone) {
        if let Some(slot) = self.edges.get_mut(e) {
            *slot = Some(stronger(*slot, tone));
        }
    }

    /// Adds a legend line.
    pub fn note(&mut self, tone: Option<Tone>, text: impl Into<String>) {
        self.legend.push(LegendLine {
            tone,
            text: text.into(),
        });
    }

    /// Whether the overlay was made for a design of this shape (the canvas drops a stale one).
    pub fn fits(&self, design: &Design) -> bool {
        self.nodes.len() == design.nodes.len()
            && self.edges.len() == design.edges.len()
            && self.containers.len() == design.containers.len()
    }
}

fn rank(t: Tone) -> u8 {
    match t {
        Tone::Failed => 3,
        Tone::Lost | Tone::Removed => 2,
        _ => 1,
    }
}

fn stronger(old: Option<Tone>, new: Tone) -> Tone {
    match old {
        Some(o) if rank(o) >= rank(new) => o,
        _ => new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_mark_is_not_weakened_by_a_later_degraded_one() {
        let mut d = Design::default();
        d.nodes.push(Node::new(
            "a",
            crate::model::NodeKind::AppServer,
            crate::model::Pos::new(0.0, 0.0),
        ));
        let mut o = Overlay::new(&d, "t");
        o.mark_node(0, Tone::Failed);
        o.mark_node(0, Tone::Degraded);
        assert_eq!(o.node(0), Some(Tone::Failed));
        o.mark_node(7, Tone::Lost);
        assert_eq!(o.node(7), None);
    }

    #[test]
    fn load_tones_follow_the_capacity_thresholds() {
        assert_eq!(Tone::Load(0.5).color(), Tone::Added.color());
        assert_eq!(Tone::Load(0.8).color(), Tone::Degraded.color());
        assert_eq!(Tone::Load(1.2).color(), Tone::Lost.color());
    }
}
