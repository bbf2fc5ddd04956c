//! The Arrange family: align, distribute, same size, bring to front / send to back, group,
//! ungroup, lock and unlock the selection, each as one undoable edit built by
//! `geometry::arrange`; what an arrangement moves changes container as a drag would
//! (`canvas::reparent_edits`), in the same undo step.

use super::state::ArchwayApp;
use crate::geometry::arrange::{self, Arrangement};
use crate::model::{Design, Edit};
use crate::ui::canvas;
use crate::ui::commands::UICommand;
use crate::ui::selection::Selection;

impl ArchwayApp {
    /// Carries out a command of the Arrange family on the canvas selection (editor only);
    /// says in the status bar when the selection does not allow it.
    pub(super) fn arrange_command(&mut self, c: UICommand) {
        if !self.editing() {
            return;
        }
        let d = &self.doc.design;
        let (nodes, containers) = (&self.selection.nodes, &self.selection.containers);
        let how = match c {
            UICommand::AlignLeft => Some(Arrangement::AlignLeft),
            UICommand::AlignCentre => Some(Arrangement::AlignCentre),
            UICommand::AlignRight => Some(Arrangement::AlignRight),
            UICommand::AlignTop => Some(Arrangement::AlignTop),
            UICommand::AlignMiddle => Some(Arrangement::AlignMiddle),
            UICommand::AlignBottom => Some(Arrangement::AlignBottom),
            UICommand::DistributeHorizontally => Some(Arrangement::DistributeHorizontally),
            UICommand::DistributeVertically => Some(Arrangement::DistributeVertically),
            UICommand::SameWidth => Some(Arrangement::SameWidth),
            UICommand::SameHeight => Some(Arrangement::SameHeight),
            UICommand::SameSize => Some(Arrangement::SameSize),
            _ => None,
        };
        let edit = match (how, c) {
            (Some(how), _) => arrange::arrange(d, nodes, containers, how),
            (None, UICommand::BringToFront) => arrange::restack(d, nodes, true),
            (None, UICommand::SendToBack) => arrange::restack(d, nodes, false),
            (None, UICommand::Group) => arrange::group(d, nodes).map(|(edit, id)| {
                self.selection = Selection::container(id);
                edit
            }),
            (None, UICommand::Ungroup) => arrange::ungroup(d, containers),
            (None, UICommand::Lock) => arrange::set_locked(d, nodes, true),
            (None, UICommand::Unlock) => arrange::set_locked(d, nodes, false),
            _ => None,
        };
        let edit = match (how, edit) {
            (Some(_), Some(edit)) => Some(with_reparenting(d, edit)),
            (_, edit) => edit,
        };
        match edit {
            Some(edit) => self.queue(edit, c.label().to_lowercase(), None),
            None => self.status = format!("{}: {}", c.label(), needs(c)),
        }
    }
}

/// `edit` (an arrangement of `design`) followed by the re-parenting of what it moved or
/// resized: a node aligned out of its subnet leaves it, one aligned into a container joins it,
/// as at the end of a drag, and a node or container that a container now covers after "same
/// size" joins it.
fn with_reparenting(design: &Design, edit: Edit) -> Edit {
    let mut after = design.clone();
    edit.clone().apply(&mut after);
    let moved_nodes: Vec<bool> = (0..after.nodes.len())
        .map(|i| {
            design
                .nodes
                .get(i)
                .is_some_and(|n| n.pos != after.nodes[i].pos)
        })
        .collect();
    let moved_containers: Vec<usize> = (0..design.containers.len().min(after.containers.len()))
        .filter(|&i| design.containers[i].rect != after.containers[i].rect)
        .collect();
    // A container made bigger (or smaller) by "same size" takes in (or lets go of) the nodes
    // whose centre it now covers (or no longer covers), as when it is resized by its handle.
    let resized: Vec<(crate::model::Rect, crate::model::Rect)> = moved_containers
        .iter()
        .filter_map(|&i| {
            Some((
                design.containers.get(i)?.rect,
                after.containers.get(i)?.rect,
            ))
        })
        .filter(|(old, new)| (old.w, old.h) != (new.w, new.h))
        .collect();
    let moved: Vec<&crate::model::Node> = after
        .nodes
        .iter()
        .enumerate()
        .filter(|&(i, n)| {
            moved_nodes[i] || {
                let centre = crate::geometry::center(&crate::geometry::node_rect(n));
                resized
                    .iter()
                    .any(|(old, new)| old.contains(centre) || new.contains(centre))
            }
        })
        .map(|(_, n)| n)
        .collect();
    let mut reparent = canvas::reparent_edits(design, &after, &moved, &moved_containers);
    // Likewise a container that did not move but now lies wholly inside a grown one (or
    // lay inside one before it changed) is placed again in the innermost container around it.
    reparent.extend(
        after
            .containers
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                !moved_containers.contains(i)
                    && resized
                        .iter()
                        .any(|(old, new)| old.contains_rect(&c.rect) || new.contains_rect(&c.rect))
            })
            .filter_map(|(_, c)| {
                let parent =
                    crate::geometry::innermost_container_around(&after, &c.rect, |id| *id == c.id);
                (parent != c.parent).then(|| {
                    let mut changed = c.clone();
                    changed.parent = parent;
                    Edit::SetContainer(changed)
                })
            }),
    );
    if reparent.is_empty() {
        edit
    } else {
        Edit::Batch(std::iter::once(edit).chain(reparent).collect())
    }
}

/// What a command needs that the selection lacks (for the status bar).
fn needs(c: UICommand) -> &'static str {
    match c {
        UICommand::DistributeHorizontally | UICommand::DistributeVertically => {
            "select three or more unlocked items"
        }
        UICommand::SameWidth | UICommand::SameHeight | UICommand::SameSize => {
            "select two or more containers of different sizes"
        }
        UICommand::Ungroup => "select a group",
        UICommand::Group
        | UICommand::BringToFront
        | UICommand::SendToBack
        | UICommand::Lock
        | UICommand::Unlock => "nothing to change in the selected components",
        _ => "select two or more unlocked items that are not lined up yet",
    }
}
