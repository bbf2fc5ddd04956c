//! Containers: tinted rounded boxes with a label band, outer ones first, the one a drop would
//! land in highlighted, and the resize handle of a selected container.

use super::frame::{PaintFrame, Scene};
use crate::geometry;
use crate::model::{ContainerId, catalog};
use crate::ui::canvas::colors::color;
use crate::ui::canvas::layout::{CONTAINER_HEADER, to_egui_rect};
use crate::ui::canvas::state::Gesture;
use egui::epaint::{CornerRadius, RectShape};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{FontId, Rect, Stroke, StrokeKind, Vec2};

/// Every visible container in drawing order (outer first), at its previewed place when moved
/// or resized; `drop_target` is outlined as where a drop would land.
pub(super) fn paint_containers(
    f: &PaintFrame<'_>,
    s: &Scene<'_>,
    drop_target: Option<&ContainerId>,
) {
    for &c in &s.cache.container_order {
        let Some(container) = s.design.containers.get(c) else {
            continue;
        };
        let mut r = to_egui_rect(&container.rect);
        if s.moving.containers.contains(&c) {
            r = r.translate(s.moving.delta);
        }
        if let Gesture::Resize {
            container: rc,
            rect,
        } = &s.state.gesture
            && *rc == c
        {
            r = *rect;
        }
        if !r.intersects(f.visible) {
            continue;
        }
        let selected = s.selection.containers.contains(&container.id);
        let target = drop_target == Some(&container.id);
        paint_container(f, container, r, selected, target);
    }
}

/// Only the label bands of the visible containers (over a picture of the design that has
/// their boxes but no text).
pub(super) fn paint_container_labels(f: &PaintFrame<'_>, s: &Scene<'_>) {
    for &c in &s.cache.container_order {
        let Some(container) = s.design.containers.get(c) else {
            continue;
        };
        let r = to_egui_rect(&container.rect);
        if !r.intersects(f.visible) {
            continue;
        }
        let sr = f.rect(r);
        if sr.width() > 70.0 && sr.height() > 20.0 {
            let tint = color(geometry::container_color(container.kind));
            paint_label_band(f, container, sr, tint);
        }
    }
}

fn paint_container(
    f: &PaintFrame<'_>,
    c: &crate::model::Container,
    r: Rect,
    selected: bool,
    drop_target: bool,
) {
    let sr = f.rect(r);
    if sr.width() < 3.0 && sr.height() < 3.0 {
        return;
    }
    let tint = color(geometry::container_color(c.kind));
    let fill_alpha = if f.theme.dark { 0.10 } else { 0.08 };
    let rounding = if sr.width() > 40.0 {
        (8.0 * f.zoom).min(8.0)
    } else {
        0.0
    };
    let stroke = if drop_target {
        Stroke::new(2.5, f.theme.selection)
    } else if selected {
        Stroke::new(2.0, f.theme.selection)
    } else {
        Stroke::new(1.2, tint.gamma_multiply(0.8))
    };
    f.painter.add(RectShape::new(
        sr,
        CornerRadius::same(rounding as u8),
        tint.gamma_multiply(fill_alpha),
        stroke,
        StrokeKind::Inside,
    ));
    if sr.width() > 70.0 && sr.height() > 20.0 {
        paint_label_band(f, c, sr, tint);
    }
    if selected {
        let h = Rect::from_center_size(sr.max - Vec2::splat(5.0), Vec2::splat(8.0));
        f.painter.rect_filled(h, 1.0, f.theme.selection);
    }
}

/// The label band of a container drawn at `sr` (screen): its name and kind, at a constant
/// screen size.
fn paint_label_band(
    f: &PaintFrame<'_>,
    c: &crate::model::Container,
    sr: Rect,
    tint: egui::Color32,
) {
    let header = (CONTAINER_HEADER * f.zoom).clamp(16.0, 26.0);
    let size = (header * 0.5).clamp(9.0, 13.0);
    let info = catalog::container_info(c.kind);
    let mut job = LayoutJob::default();
    job.append(
        c.display_label(),
        0.0,
        TextFormat::simple(FontId::proportional(size), f.theme.text),
    );
    job.append(
        info.name,
        size * 0.6,
        TextFormat::simple(FontId::proportional(size * 0.85), tint),
    );
    job.wrap = TextWrapping {
        max_width: (sr.width() - 16.0).max(10.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    let galley = f.painter.layout_job(job);
    f.painter.galley(
        sr.min + Vec2::new(8.0, (header - galley.size().y) / 2.0),
        galley,
        f.theme.text,
    );
}
