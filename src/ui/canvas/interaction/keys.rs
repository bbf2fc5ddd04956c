//! Arrow keys nudge the selection (shift: five grid steps; else one grid step when snapping,
//! one unit when not), only while no widget has keyboard focus.

use super::input::Frame;
use crate::ui::canvas::edits;
use crate::ui::canvas::io::CanvasResponse;
use egui::{Key, Vec2};

/// The nudge of this frame's arrow keys as one move edit. `idle`: no gesture and no rename in
/// progress.
pub(super) fn nudge(ui: &egui::Ui, fr: &Frame<'_>, idle: bool, out: &mut Vec<CanvasResponse>) {
    let nothing_focused = ui.memory(|m| m.focused().is_none());
    if !nothing_focused || fr.selection.is_empty() || !idle {
        return;
    }
    let options = fr.options;
    let step = if fr.input.modifiers.shift {
        options.grid_size.max(1.0) * 5.0
    } else if options.snap_to_grid {
        options.grid_size.max(1.0)
    } else {
        1.0
    };
    let d = ui.input(|i| {
        let mut d = Vec2::ZERO;
        if i.key_pressed(Key::ArrowLeft) {
            d.x -= step;
        }
        if i.key_pressed(Key::ArrowRight) {
            d.x += step;
        }
        if i.key_pressed(Key::ArrowUp) {
            d.y -= step;
        }
        if i.key_pressed(Key::ArrowDown) {
            d.y += step;
        }
        d
    });
    if d != Vec2::ZERO
        && let Some(edit) = edits::move_edit(fr.design, fr.selection, d.x, d.y)
    {
        out.push(CanvasResponse::Edit(edit));
    }
}
