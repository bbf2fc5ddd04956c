//! The start view: the template gallery (each card with a thumbnail drawn from its design, the
//! title and a one-line description), "New empty design", "Open…", and recent files.

use super::canvas;
use crate::geometry;
use crate::model::Design;
use crate::templates::{self, Template};
use egui::{Color32, Painter, Rect, Sense, Stroke, Ui, pos2, vec2};
use std::path::PathBuf;

/// What the user picked on the start view.
#[derive(Clone, Debug, PartialEq)]
pub enum StartAction {
    NewEmpty,
    Open,
    OpenRecent(PathBuf),
    /// Index into [`templates::ALL`].
    Template(usize),
    /// Go back to the design being edited.
    Back,
}

/// The templates, parsed once.
pub struct Gallery {
    items: Vec<(&'static Template, Option<Design>)>,
}

impl Default for Gallery {
    fn default() -> Self {
        Self {
            items: templates::ALL
                .iter()
                .map(|t| (t, t.design().ok()))
                .collect(),
        }
    }
}

impl Gallery {
    /// The parsed design of template `i`.
    pub fn design(&self, i: usize) -> Option<&Design> {
        self.items.get(i).and_then(|(_, d)| d.as_ref())
    }
}

/// Draws the start view; returns what the user picked.
pub fn start_ui(
    ui: &mut Ui,
    gallery: &Gallery,
    recent: &[PathBuf],
    can_go_back: bool,
) -> Option<StartAction> {
    let mut action = None;
    egui::ScrollArea::vertical()
        .id_salt("start_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(16.0);
            ui.horizontal(|ui| {
                ui.add_space(16.0);
                ui.vertical(|ui| {
                    // The same margin on the right as on the left, so the cards that fill a
                    // row stop short of the window's edge.
                    ui.set_max_width(ui.available_width() - 16.0);
                    ui.heading(egui::RichText::new("Archway").size(28.0).strong());
                    ui.label(
                        "Sketch a system design, and have it critiqued live against the system design guide.",
                    );
                    ui.add_space(10.0);
                    let picked = [
                        buttons_ui(ui, can_go_back),
                        recent_ui(ui, recent),
                        templates_ui(ui, gallery),
                    ];
                    action = picked.into_iter().flatten().last();
                });
            });
        });
    action
}

/// New, Open and (when a design is open) Back.
fn buttons_ui(ui: &mut Ui, can_go_back: bool) -> Option<StartAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        if ui
            .add(egui::Button::new("New empty design").min_size(vec2(170.0, 32.0)))
            .on_hover_text("Start from a blank canvas (Ctrl+N)")
            .clicked()
        {
            action = Some(StartAction::NewEmpty);
        }
        if ui
            .add(egui::Button::new("Open…").min_size(vec2(120.0, 32.0)))
            .on_hover_text("Open a design file (Ctrl+O)")
            .clicked()
        {
            action = Some(StartAction::Open);
        }
        if can_go_back
            && ui
                .add(egui::Button::new("Back to the design").min_size(vec2(150.0, 32.0)))
                .clicked()
        {
            action = Some(StartAction::Back);
        }
    });
    action
}

/// The recent files (missing ones greyed out), if any.
fn recent_ui(ui: &mut Ui, recent: &[PathBuf]) -> Option<StartAction> {
    if recent.is_empty() {
        return None;
    }
    let mut action = None;
    ui.add_space(14.0);
    ui.strong("Recent files");
    for path in recent {
        let exists = path.exists();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        ui.horizontal(|ui| {
            let r = ui
                .add_enabled(exists, egui::Button::new(name).frame(false))
                .on_hover_text(path.display().to_string())
                .on_disabled_hover_text(format!("{} (missing)", path.display()));
            if r.clicked() {
                action = Some(StartAction::OpenRecent(path.clone()));
            }
            if let Some(folder) = folder_text(path) {
                ui.weak(folder);
            }
        });
    }
    action
}

/// The folder of a recent file as shown beside its name: the home folder as `~`, and `None`
/// for a bare file name.
pub fn folder_text(path: &std::path::Path) -> Option<String> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty())?;
    let home = std::env::var_os("HOME").map(PathBuf::from);
    Some(
        match home.as_deref().and_then(|h| parent.strip_prefix(h).ok()) {
            Some(rest) if rest.as_os_str().is_empty() => "~".to_owned(),
            Some(rest) => format!("~/{}", rest.display()),
            None => parent.display().to_string(),
        },
    )
}

/// The template gallery as cards, all as tall as the tallest card's text needs.
fn templates_ui(ui: &mut Ui, gallery: &Gallery) -> Option<StartAction> {
    let mut action = None;
    ui.add_space(14.0);
    ui.strong("Templates");
    ui.weak("The guide's walkthroughs and the LinkPulse story. Click one to open a copy.");
    ui.add_space(6.0);
    if gallery.items.is_empty() {
        ui.weak("No templates in this build.");
    }
    let width = card_width(ui.available_width());
    let cards: Vec<CardText> = gallery
        .items
        .iter()
        .map(|(t, design)| CardText::new(ui, t, design.as_ref(), width))
        .collect();
    let height = cards
        .iter()
        .map(CardText::height)
        .fold(CARD_MIN_H, f32::max);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(CARD_GAP, CARD_GAP);
        for (i, ((_, design), text)) in gallery.items.iter().zip(cards).enumerate() {
            if card_ui(ui, design.as_ref(), text, vec2(width, height)) {
                action = Some(StartAction::Template(i));
            }
        }
    });
    action
}

/// The narrowest a card gets; the cards of a row share the width left over.
const CARD_W: f32 = 250.0;
/// The space between cards.
const CARD_GAP: f32 = 12.0;
/// The smallest card height (a one-line title and a one-line description fit).
const CARD_MIN_H: f32 = 210.0;
/// The thumbnail's height.
const THUMB_H: f32 = 120.0;
/// The margin inside a card, around the thumbnail and the text.
const CARD_PAD: f32 = 8.0;
/// The space between the title and the description.
const TITLE_GAP: f32 = 4.0;

/// A card's title and description, laid out (wrapped) to the card's width, so the card's
/// height and the description's place follow from the title's measured height.
struct CardText {
    title: String,
    title_galley: std::sync::Arc<egui::Galley>,
    description: std::sync::Arc<egui::Galley>,
}

impl CardText {
    fn new(ui: &Ui, template: &Template, design: Option<&Design>, width: f32) -> Self {
        let title = design
            .map(|d| d.metadata.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| template.name.to_owned());
        let description = design
            .map(|d| first_sentence(&d.metadata.description))
            .unwrap_or_default();
        let painter = ui.painter();
        let wrap = width - 2.0 * CARD_PAD;
        let title_galley = painter.layout(
            title.clone(),
            egui::FontId::proportional(15.0),
            ui.visuals().strong_text_color(),
            wrap,
        );
        let description = painter.layout(
            description,
            egui::FontId::proportional(12.0),
            ui.visuals().weak_text_color(),
            wrap,
        );
        Self {
            title,
            title_galley,
            description,
        }
    }

    /// Where the title and the description go in a card whose top left corner is `min`.
    fn rects(&self, min: egui::Pos2) -> (Rect, Rect) {
        let title = Rect::from_min_size(
            min + vec2(CARD_PAD, CARD_PAD + THUMB_H + CARD_PAD),
            self.title_galley.size(),
        );
        let description = Rect::from_min_size(
            pos2(min.x + CARD_PAD, title.bottom() + TITLE_GAP),
            self.description.size(),
        );
        (title, description)
    }

    /// The card height this text needs.
    fn height(&self) -> f32 {
        self.rects(egui::Pos2::ZERO).1.bottom() + CARD_PAD
    }
}

/// One template card of `size`; returns true when clicked.
fn card_ui(ui: &mut Ui, design: Option<&Design>, text: CardText, size: egui::Vec2) -> bool {
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let title = &text.title;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, title));
    let response = response.on_hover_text(format!("Open a copy of “{title}”"));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        let painter = ui.painter();
        painter.rect(
            rect,
            8.0,
            ui.visuals().extreme_bg_color,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        let thumb = Rect::from_min_size(
            rect.min + vec2(CARD_PAD, CARD_PAD),
            vec2(size.x - 2.0 * CARD_PAD, THUMB_H),
        );
        painter.rect_filled(thumb, 4.0, ui.visuals().faint_bg_color);
        if let Some(d) = design {
            paint_thumbnail(&painter.with_clip_rect(thumb), thumb.shrink(6.0), d);
        }
        let (title_rect, description_rect) = text.rects(rect.min);
        painter.galley(
            title_rect.min,
            text.title_galley,
            ui.visuals().strong_text_color(),
        );
        painter.galley(
            description_rect.min,
            text.description,
            ui.visuals().weak_text_color(),
        );
    }
    response.clicked()
}

/// The width of each card when as many cards of at least `CARD_W` as fit share `available`
/// (so a row fills the window instead of leaving a strip on the right).
fn card_width(available: f32) -> f32 {
    // A pixel spare, so rounding never wraps the last card of a full row.
    let available = available - 1.0;
    let columns = ((available + CARD_GAP) / (CARD_W + CARD_GAP))
        .floor()
        .max(1.0);
    ((available + CARD_GAP) / columns - CARD_GAP).max(CARD_W)
}

/// The first sentence (or line) of a description, at most ~110 characters.
fn first_sentence(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let end = line.find(". ").map_or(line.len(), |i| i + 1);
    let s = &line[..end];
    if s.chars().count() > 110 {
        let cut: String = s.chars().take(107).collect();
        format!("{cut}…")
    } else {
        s.to_owned()
    }
}

/// Draws a miniature of a design scaled to fit `rect`: container tints, edges as lines and
/// nodes as small coloured boxes with their icon.
pub fn paint_thumbnail(painter: &Painter, rect: Rect, design: &Design) {
    let mut min = pos2(f32::INFINITY, f32::INFINITY);
    let mut max = pos2(f32::NEG_INFINITY, f32::NEG_INFINITY);
    let mut grow = |r: Rect| {
        min = min.min(r.min);
        max = max.max(r.max);
    };
    for n in &design.nodes {
        grow(node_rect(n));
    }
    for c in &design.containers {
        grow(Rect::from_min_size(
            pos2(c.rect.x, c.rect.y),
            vec2(c.rect.w, c.rect.h),
        ));
    }
    if !min.x.is_finite() {
        return;
    }
    let bounds = Rect::from_min_max(min, max);
    let scale = (rect.width() / bounds.width().max(1.0))
        .min(rect.height() / bounds.height().max(1.0))
        .min(1.0);
    let offset = rect.center() - bounds.center() * scale;
    let to_screen = |p: egui::Pos2| pos2(p.x * scale, p.y * scale) + offset;
    let to_screen_rect = |r: Rect| Rect::from_min_max(to_screen(r.min), to_screen(r.max));
    for c in &design.containers {
        let r = to_screen_rect(Rect::from_min_size(
            pos2(c.rect.x, c.rect.y),
            vec2(c.rect.w, c.rect.h),
        ));
        let color = canvas::color(geometry::container_color(c.kind));
        painter.rect(
            r,
            2.0,
            color.gamma_multiply(0.12),
            Stroke::new(1.0, color.gamma_multiply(0.6)),
            egui::StrokeKind::Inside,
        );
    }
    let index: std::collections::HashMap<&str, Rect> = design
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), to_screen_rect(node_rect(n))))
        .collect();
    let edge_color = Color32::from_gray(140);
    for e in &design.edges {
        if let (Some(a), Some(b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) {
            painter.line_segment([a.center(), b.center()], Stroke::new(1.0, edge_color));
        }
    }
    for n in &design.nodes {
        let r = index[n.id.as_str()];
        let color = canvas::color(geometry::node_color(n));
        painter.rect(
            r,
            2.0,
            painter.ctx().global_style().visuals.window_fill,
            Stroke::new(1.0, color),
            egui::StrokeKind::Inside,
        );
        if r.height() >= 8.0 {
            let icon = Rect::from_center_size(r.center(), vec2(r.height(), r.height()) * 0.8);
            canvas::paint_icon(painter, geometry::icons::node_icon(n.kind), icon, color);
        }
    }
}

fn node_rect(n: &crate::model::Node) -> Rect {
    let r = crate::geometry::node_rect(n);
    Rect::from_min_size(pos2(r.x, r.y), vec2(r.w, r.h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_show_their_folder() {
        assert_eq!(
            folder_text(std::path::Path::new("/srv/designs/chat.archway.ron")).as_deref(),
            Some("/srv/designs")
        );
        assert_eq!(folder_text(std::path::Path::new("chat.archway.ron")), None);
        if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
            let p = home.join("work").join("a.archway.ron");
            assert_eq!(folder_text(&p).as_deref(), Some("~/work"));
        }
    }

    /// Every card's description starts below its title however many lines the title wraps
    /// to, and fits in the card (the LinkPulse titles wrap to two or three lines).
    #[test]
    fn card_titles_never_overlap_their_descriptions() {
        let gallery = Gallery::default();
        for dark in [false, true] {
            let ctx = egui::Context::default();
            ctx.set_visuals(if dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            });
            let mut wrapped = 0;
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                let cards: Vec<CardText> = gallery
                    .items
                    .iter()
                    .map(|(t, d)| CardText::new(ui, t, d.as_ref(), CARD_W))
                    .collect();
                let height = cards
                    .iter()
                    .map(CardText::height)
                    .fold(CARD_MIN_H, f32::max);
                for card in &cards {
                    let (title, description) = card.rects(egui::Pos2::ZERO);
                    assert!(
                        title.width() <= CARD_W - 2.0 * CARD_PAD + 0.5,
                        "{}",
                        card.title
                    );
                    assert!(
                        description.top() >= title.bottom(),
                        "{}: description drawn over the title",
                        card.title
                    );
                    assert!(description.bottom() <= height - CARD_PAD, "{}", card.title);
                    if card.title_galley.rows.len() > 1 {
                        wrapped += 1;
                    }
                }
            });
            out.textures_delta.clear();
            assert!(
                wrapped > 0,
                "no title wraps: the test no longer covers wrapping"
            );
        }
    }

    /// A row of cards fills the width it has: at 1024 and 1600 px windows no strip wider
    /// than a gap is left on the right, and no card is narrower than `CARD_W`.
    #[test]
    fn template_cards_fill_the_row() {
        for available in [976.0_f32, 1552.0, 300.0, 251.0] {
            let width = card_width(available);
            assert!(width >= CARD_W, "{available}: {width}");
            let columns = ((available + CARD_GAP) / (width + CARD_GAP) + 1e-3).floor();
            let used = columns * width + (columns - 1.0) * CARD_GAP;
            assert!(used <= available + 0.01, "{available}: {used}");
            assert!(available - used < 2.0, "{available}: {used} leaves a strip");
        }
        assert_eq!(card_width(976.0).round(), 317.0, "three cards at 1024 px");
    }
}
