//! Undo/redo history: applies [`Edit`]s to the design through [`Edit::apply`] and keeps their
//! inverses. One step per user action (a whole drag, a whole text edit), with the selection
//! before and after so undo and redo restore what the user was looking at.

use super::selection::Selection;
use crate::model::{Design, Edit};
use std::collections::VecDeque;

/// How many steps are kept by default (the oldest are dropped beyond this).
pub const DEFAULT_LIMIT: usize = 500;

/// One undoable step.
#[derive(Clone, Debug)]
struct Step {
    /// Unique number, used to tell whether the design matches the saved file.
    serial: u64,
    /// What the step did, for the Edit menu (`Undo move`).
    label: String,
    /// Consecutive steps with the same key merge into one (typing in one field).
    merge_key: Option<String>,
    /// Applying this undoes the step.
    undo: Edit,
    /// Applying this redoes the step.
    redo: Edit,
    selection_before: Selection,
    selection_after: Selection,
}

/// The undo and redo stacks.
#[derive(Clone, Debug)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    limit: usize,
    next_serial: u64,
    /// Serial of the step on top of the undo stack when the design was last saved (0: none).
    saved_serial: u64,
    /// Whether the saved state was dropped off the bottom of the stack (then never clean again
    /// until the next save).
    saved_lost: bool,
}

impl Default for History {
    fn default() -> Self {
        Self::new(DEFAULT_LIMIT)
    }
}

impl History {
    /// An empty history keeping at most `limit` steps (at least 1).
    pub fn new(limit: usize) -> Self {
        Self {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: limit.max(1),
            next_serial: 1,
            saved_serial: 0,
            saved_lost: false,
        }
    }

    /// Applies `edit` to `design` as one new step. Returns false (and records nothing) when
    /// the edit changes nothing. Clears the redo stack.
    pub fn apply(
        &mut self,
        design: &mut Design,
        edit: Edit,
        label: impl Into<String>,
        selection_before: Selection,
        selection_after: Selection,
    ) -> bool {
        self.apply_merging(design, edit, label, None, selection_before, selection_after)
    }

    /// Like [`History::apply`], but when the last step has the same `merge_key` (and nothing
    /// was undone since), the edit joins that step: typing a word is one step, not one per key.
    pub fn apply_merging(
        &mut self,
        design: &mut Design,
        edit: Edit,
        label: impl Into<String>,
        merge_key: Option<String>,
        selection_before: Selection,
        selection_after: Selection,
    ) -> bool {
        if edit.is_noop() {
            return false;
        }
        if sets_what_is_there(design, &edit) {
            return false;
        }
        let redo = edit.clone();
        let undo = edit.apply(design);
        if undo.is_noop() {
            // The edit named elements that do not exist: nothing changed.
            return false;
        }
        self.redo.clear();
        if let (Some(key), Some(top)) = (&merge_key, self.undo.back_mut())
            && top.merge_key.as_deref() == Some(key.as_str())
            && top.serial != self.saved_serial
        {
            let old_redo = std::mem::replace(&mut top.redo, Edit::Batch(Vec::new()));
            top.redo = Edit::Batch(vec![old_redo, redo]);
            let old_undo = std::mem::replace(&mut top.undo, Edit::Batch(Vec::new()));
            top.undo = Edit::Batch(vec![undo, old_undo]);
            top.selection_after = selection_after;
            return true;
        }
        let serial = self.next_serial;
        self.next_serial += 1;
        self.undo.push_back(Step {
            serial,
            label: label.into(),
            merge_key,
            undo,
            redo,
            selection_before,
            selection_after,
        });
        while self.undo.len() > self.limit {
            if let Some(dropped) = self.undo.pop_front()
                && dropped.serial == self.saved_serial
            {
                self.saved_lost = true;
            }
        }
        true
    }

    /// Undoes the last step; returns the selection to restore, or `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self, design: &mut Design) -> Option<Selection> {
        let mut step = self.undo.pop_back()?;
        let undo = std::mem::replace(&mut step.undo, Edit::Batch(Vec::new()));
        // Applying the inverse yields the exact redo (positions included).
        step.redo = undo.apply(design);
        let selection = step.selection_before.clone();
        self.redo.push(step);
        Some(selection)
    }

    /// Redoes the last undone step; returns the selection to restore.
    pub fn redo(&mut self, design: &mut Design) -> Option<Selection> {
        let mut step = self.redo.pop()?;
        let redo = std::mem::replace(&mut step.redo, Edit::Batch(Vec::new()));
        step.undo = redo.apply(design);
        // A redone step never merges with later typing.
        step.merge_key = None;
        let selection = step.selection_after.clone();
        self.undo.push_back(step);
        Some(selection)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Label of the step Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|s| s.label.as_str())
    }

    /// Label of the step Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Stops the last step from merging with the next edit (focus left a field).
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.back_mut() {
            top.merge_key = None;
        }
    }

    /// Records that the design as it is now was saved.
    pub fn mark_saved(&mut self) {
        self.saved_serial = self.undo.back().map_or(0, |s| s.serial);
        self.saved_lost = false;
        self.seal();
    }

    /// Records that the design differs from its file although no step was taken (a restored
    /// recovery copy).
    pub fn mark_unsaved(&mut self) {
        self.saved_lost = true;
    }

    /// Whether the design differs from the last saved (or opened) state.
    pub fn is_dirty(&self) -> bool {
        self.saved_lost || self.undo.back().map_or(0, |s| s.serial) != self.saved_serial
    }

    /// Forgets every step (a new design was opened); the new state counts as saved.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.saved_serial = 0;
        self.saved_lost = false;
    }
}

/// Whether `edit` replaces something with an identical value (so recording it would add an
/// empty undo step).
fn sets_what_is_there(design: &Design, edit: &Edit) -> bool {
    match edit {
        Edit::SetNode(n) => design.node(n.id.as_str()) == Some(n),
        Edit::SetEdge(e) => design.edge(e.id.as_str()) == Some(e),
        Edit::SetContainer(c) => design.container(c.id.as_str()) == Some(c),
        Edit::SetMetadata(m) => design.metadata == *m,
        Edit::SetWorkload(w) => design.workload == *w,
        Edit::SetReviewLevel(l) => design.review_level == *l,
        Edit::SetSuppressions(s) => design.suppressions == *s,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind, Pos, synthetic};

    fn node(id: &str) -> Node {
        Node::new(id, NodeKind::AppServer, Pos::new(10.0, 20.0))
    }

    #[test]
    fn undo_and_redo_restore_design_and_selection() {
        let mut d = synthetic::design(5);
        let original = d.clone();
        let mut h = History::default();
        let sel_after = Selection::of_nodes([crate::model::NodeId::new("new_one")]);
        assert!(h.apply(
            &mut d,
            Edit::InsertNode {
                at: 99,
                node: node("new_one")
            },
            "add node",
            Selection::new(),
            sel_after.clone(),
        ));
        let after = d.clone();
        assert!(h.is_dirty());
        assert_eq!(h.undo(&mut d), Some(Selection::new()));
        assert_eq!(d, original);
        assert!(!h.is_dirty());
        assert_eq!(h.redo(&mut d), Some(sel_after));
        assert_eq!(d, after);
    }

    #[test]
    fn keeps_at_least_two_hundred_steps() {
        let mut d = synthetic::design(3);
        let original = d.clone();
        let mut h = History::default();
        for i in 0..250 {
            let id = d.nodes[0].id.clone();
            h.apply(
                &mut d,
                Edit::Move {
                    nodes: vec![id],
                    containers: vec![],
                    dx: 1.0 + i as f32,
                    dy: 0.0,
                },
                "move",
                Selection::new(),
                Selection::new(),
            );
        }
        assert_eq!(h.undo_len(), 250);
        while h.undo(&mut d).is_some() {}
        assert_eq!(d, original);
    }

    #[test]
    fn merging_steps_undo_together() {
        let mut d = synthetic::design(3);
        let original = d.clone();
        let mut h = History::default();
        for label in ["a", "ab", "abc"] {
            let mut n = d.nodes[0].clone();
            n.label = label.into();
            h.apply_merging(
                &mut d,
                Edit::SetNode(n),
                "rename",
                Some("label".into()),
                Selection::new(),
                Selection::new(),
            );
        }
        assert_eq!(h.undo_len(), 1);
        h.undo(&mut d);
        assert_eq!(d, original);
    }

    #[test]
    fn noop_edit_records_nothing() {
        let mut d = synthetic::design(3);
        let mut h = History::default();
        assert!(!h.apply(
            &mut d,
            Edit::Batch(vec![]),
            "nothing",
            Selection::new(),
            Selection::new()
        ));
        assert!(!h.can_undo());
        assert!(!h.is_dirty());
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Node, NodeKind, Pos, synthetic};
    use proptest::prelude::*;

    /// A random edit against a design of `n` nodes (ids may name missing elements).
    fn edit_strategy() -> impl Strategy<Value = (u8, usize, usize, f32)> {
        (0u8..8, 0usize..12, 0usize..12, -50.0f32..50.0)
    }

    fn make_edit(d: &Design, (op, a, b, v): (u8, usize, usize, f32), serial: usize) -> Edit {
        let node_id = |i: usize| {
            d.nodes
                .get(i % d.nodes.len().max(1))
                .map(|n| n.id.clone())
                .unwrap_or_default()
        };
        match op {
            0 => Edit::InsertNode {
                at: a,
                node: Node::new(format!("p{serial}"), NodeKind::Cache, Pos::new(v, v)),
            },
            1 => Edit::RemoveNode { id: node_id(a) },
            2 => Edit::Move {
                nodes: vec![node_id(a), node_id(b)],
                containers: vec![],
                dx: v,
                dy: -v,
            },
            3 => match d.nodes.get(a % d.nodes.len().max(1)) {
                Some(n) => {
                    let mut n = n.clone();
                    n.label = format!("l{v}");
                    n.props.instances = Some(b as u32);
                    Edit::SetNode(n)
                }
                None => Edit::Batch(vec![]),
            },
            4 => Edit::InsertEdge {
                at: b,
                edge: Edge::new(
                    format!("e{serial}"),
                    node_id(a).0,
                    node_id(b).0,
                    EdgeKind::SyncRequest,
                    None,
                ),
            },
            5 => match d.edges.get(a % d.edges.len().max(1)) {
                Some(e) => Edit::RemoveEdge { id: e.id.clone() },
                None => Edit::Batch(vec![]),
            },
            6 => match d.containers.get(a % d.containers.len().max(1)) {
                Some(c) => Edit::RemoveContainer { id: c.id.clone() },
                None => Edit::Batch(vec![]),
            },
            _ => Edit::RemoveMany {
                nodes: vec![node_id(a), node_id(b)],
                edges: d
                    .edges
                    .get(b % d.edges.len().max(1))
                    .map(|e| e.id.clone())
                    .into_iter()
                    .collect(),
                containers: d
                    .containers
                    .get(a % d.containers.len().max(1))
                    .map(|c| c.id.clone())
                    .into_iter()
                    .collect(),
            },
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn undo_all_returns_original_and_redo_all_returns_final(
            ops in proptest::collection::vec(edit_strategy(), 1..40)
        ) {
            let mut d = synthetic::design(8);
            let original = d.clone();
            let mut h = History::default();
            for (i, op) in ops.into_iter().enumerate() {
                let e = make_edit(&d, op, i);
                h.apply(&mut d, e, "step", Selection::new(), Selection::new());
            }
            let last = d.clone();
            while h.undo(&mut d).is_some() {}
            prop_assert_eq!(&d, &original);
            while h.redo(&mut d).is_some() {}
            prop_assert_eq!(&d, &last);
        }
    }
}
