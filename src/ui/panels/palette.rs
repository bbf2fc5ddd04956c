//! The palette: every node and container kind from the catalog, grouped by category, with a
//! vector icon, a tooltip and a search box. Click places the kind at the canvas centre; drag
//! carries a [`PaletteItem`] payload onto the canvas.

use crate::geometry::{self, icons};
use crate::model::ContainerKind;
use crate::model::catalog::{self, Category};
use crate::ui::canvas;
use egui::{Sense, Ui, vec2};

pub use crate::ui::canvas::PaletteItem;

/// Catalog text of a palette item.
trait ItemText {
    fn name(self) -> &'static str;
    fn tooltip(self) -> String;
    fn matches(self, query: &str) -> bool;
}

impl ItemText for PaletteItem {
    /// Display name from the catalog.
    fn name(self) -> &'static str {
        match self {
            PaletteItem::Node(k) => catalog::node_info(k).name,
            PaletteItem::Container(k) => catalog::container_info(k).name,
        }
    }

    /// Tooltip text: description and typical technologies.
    fn tooltip(self) -> String {
        match self {
            PaletteItem::Node(k) => {
                let i = catalog::node_info(k);
                format!(
                    "{}\n{}\nTypical: {}\nClick to place at the centre, or drag onto the canvas.",
                    i.name, i.description, i.typical_tech
                )
            }
            PaletteItem::Container(k) => {
                let i = catalog::container_info(k);
                format!(
                    "{}\n{}\nClick to place at the centre, or drag onto the canvas.",
                    i.name, i.description
                )
            }
        }
    }

    fn matches(self, query: &str) -> bool {
        if query.is_empty() {
            return true;
        }
        let q = query.to_lowercase();
        let hay = match self {
            PaletteItem::Node(k) => {
                let i = catalog::node_info(k);
                format!("{} {} {} {}", i.name, i.key, i.description, i.typical_tech)
            }
            PaletteItem::Container(k) => {
                let i = catalog::container_info(k);
                format!("{} {} {}", i.name, i.key, i.description)
            }
        };
        hay.to_lowercase().contains(&q)
    }
}

/// Session state of the palette.
#[derive(Default, Debug)]
pub struct PaletteState {
    /// Text in the search box.
    pub query: String,
}

/// Draws the palette; returns the item the user clicked (to place at the canvas centre).
/// Dragging an item starts an egui drag-and-drop carrying the [`PaletteItem`].
pub fn palette_ui(ui: &mut Ui, state: &mut PaletteState) -> Option<PaletteItem> {
    let mut clicked = None;
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("cache, queue, Redis…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("palette_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for category in Category::ALL {
                let items: Vec<PaletteItem> = if category == Category::Containers {
                    ContainerKind::ALL
                        .iter()
                        .map(|&k| PaletteItem::Container(k))
                        .filter(|i| i.matches(&state.query))
                        .collect()
                } else {
                    catalog::nodes()
                        .iter()
                        .filter(|i| i.category == category)
                        .map(|i| PaletteItem::Node(i.kind))
                        .filter(|i| i.matches(&state.query))
                        .collect()
                };
                if items.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(category.label())
                    .default_open(true)
                    .show(ui, |ui| {
                        for item in items {
                            if item_ui(ui, item) {
                                clicked = Some(item);
                            }
                        }
                    });
            }
        });
    clicked
}

/// One palette row: icon and name. Returns true when clicked; a drag carries the item as
/// egui's drag-and-drop payload (the canvas accepts the drop) and shows a ghost at the mouse.
fn item_ui(ui: &mut Ui, item: PaletteItem) -> bool {
    let height = 26.0;
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, item.name()));
    let visuals = ui.style().interact(&response);
    if response.hovered() || response.dragged() {
        ui.painter().rect_filled(rect, 4.0, visuals.weak_bg_fill);
    }
    paint_row(ui.painter(), ui.style(), rect, item, visuals.text_color());
    if response.drag_started() {
        egui::DragAndDrop::set_payload(ui.ctx(), item);
    }
    if response.dragged()
        && let Some(pointer) = ui.ctx().pointer_interact_pos()
    {
        // A ghost of the row follows the mouse while dragging.
        let layer = egui::LayerId::new(
            egui::Order::Tooltip,
            egui::Id::unique(("palette_ghost", item.name())),
        );
        let painter = ui.ctx().layer_painter(layer);
        let ghost = egui::Rect::from_min_size(pointer + vec2(8.0, 8.0), vec2(width, height));
        painter.rect_filled(ghost, 4.0, ui.visuals().window_fill.gamma_multiply(0.9));
        paint_row(&painter, ui.style(), ghost, item, ui.visuals().text_color());
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
    }
    let response = response.on_hover_text(item.tooltip());
    response.clicked()
}

fn paint_row(
    painter: &egui::Painter,
    style: &egui::Style,
    rect: egui::Rect,
    item: PaletteItem,
    text_color: egui::Color32,
) {
    let icon_rect = egui::Rect::from_min_size(rect.min + vec2(4.0, 3.0), vec2(20.0, 20.0));
    match item {
        // The canvas's own icon painter, so the palette shows exactly what lands on the canvas.
        PaletteItem::Node(k) => canvas::paint_icon(
            painter,
            icons::node_icon(k),
            icon_rect,
            canvas::color(geometry::category_color(catalog::node_info(k).category)),
        ),
        PaletteItem::Container(k) => paint_container_icon(painter, icon_rect, k),
    }
    painter.text(
        rect.left_center() + vec2(32.0, 0.0),
        egui::Align2::LEFT_CENTER,
        item.name(),
        egui::TextStyle::Button.resolve(style),
        text_color,
    );
}

/// Draws the icon of a container kind: a dashed or solid frame with a corner tab.
fn paint_container_icon(painter: &egui::Painter, rect: egui::Rect, kind: ContainerKind) {
    let color = canvas::color(geometry::container_color(kind));
    let s = rect.width().min(rect.height());
    let r = egui::Rect::from_center_size(rect.center(), vec2(s * 0.9, s * 0.75));
    let stroke = egui::Stroke::new((s / 12.0).max(1.0), color);
    let fill = color.gamma_multiply(0.2);
    painter.rect(r, 2.0, fill, egui::Stroke::NONE, egui::StrokeKind::Middle);
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    let dashed = matches!(
        kind,
        ContainerKind::AvailabilityZone | ContainerKind::Region
    );
    for pair in corners.windows(2) {
        if dashed {
            painter.extend(egui::Shape::dashed_line(
                &[pair[0], pair[1]],
                stroke,
                s * 0.12,
                s * 0.08,
            ));
        } else {
            painter.line_segment([pair[0], pair[1]], stroke);
        }
    }
    let tab = egui::Rect::from_min_size(r.left_top(), vec2(r.width() * 0.4, r.height() * 0.22));
    painter.rect_filled(tab, 1.0, color);
    if kind == ContainerKind::PrivateSubnet {
        // A small padlock.
        let c = r.center() + vec2(0.0, s * 0.08);
        painter.rect_filled(
            egui::Rect::from_center_size(c, vec2(s * 0.22, s * 0.16)),
            1.0,
            color,
        );
        painter.circle_stroke(c - vec2(0.0, s * 0.1), s * 0.07, stroke);
    }
}
