//! The editor view: the palette on the left, the inspector and findings on the right, the
//! capacity view's totals below the canvas when it is on, the canvas in the middle; and what
//! their answers become (queued edits, a selection, commands).

use super::state::ArchwayApp;
use crate::ui::canvas::{self, CanvasCommand, CanvasInput, CanvasResponse, PaletteItem};
use crate::ui::commands::UICommand;
use crate::ui::panels::findings::{self, FindingsAction};
use crate::ui::panels::inspector;
use crate::ui::panels::palette;
use crate::ui::selection::Selection;
use egui::{RichText, Ui};

impl ArchwayApp {
    /// The editor view: palette, side panel (inspector over findings), canvas.
    pub(super) fn editor_ui(&mut self, ui: &mut Ui) {
        if self.panels.palette_visible() {
            egui::Panel::left("palette")
                .resizable(true)
                .default_size(200.0)
                .show(ui, |ui| self.palette_panel_ui(ui));
        }
        if self.panels.side_visible() {
            egui::Panel::right("side")
                .resizable(true)
                .default_size(330.0)
                .show(ui, |ui| self.side_panel_ui(ui));
        }
        if self.canvas_options.show_capacity && !self.panels.focus {
            egui::Panel::bottom("capacity")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| {
                    self.yield_to_modal(ui);
                    ui.add_space(4.0);
                    crate::ui::panels::capacity::capacity_ui(
                        ui,
                        &self.doc.design,
                        &self.doc.estimate,
                    );
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.canvas_panel_ui(ui));
    }

    /// The component palette; a click places the component on the free spot nearest the middle
    /// of the view.
    fn palette_panel_ui(&mut self, ui: &mut Ui) {
        self.yield_to_modal(ui);
        ui.add_space(4.0);
        ui.strong("Components");
        if let Some(item) = palette::palette_ui(ui, &mut self.palette)
            && !self.review.active()
        {
            // Near the middle of the view, on a free spot: repeated clicks never stack.
            let (w, h, container) = match item {
                PaletteItem::Node(_) => (crate::geometry::NODE_W, crate::geometry::NODE_H, false),
                PaletteItem::Container(kind) => {
                    let (w, h) = crate::model::catalog::container_info(kind).default_size;
                    (w, h, true)
                }
            };
            let centre = self.canvas.view_centre_in_canvas();
            let at = crate::geometry::arrange::free_spot(&self.doc.design, w, h, centre, container);
            let (edit, target) = canvas::place_edit(&self.doc.design, item, at);
            self.selection = Selection::only(target);
            self.queue(edit, format!("add {}", item_name(item)), None);
        }
    }

    /// The inspector over the findings list.
    fn side_panel_ui(&mut self, ui: &mut Ui) {
        self.yield_to_modal(ui);
        if self.review_panel_ui(ui) {
            return;
        }
        let half = (ui.available_height() * 0.5).max(160.0);
        // The side panel has filled this area already: the panels inside it keep their
        // margins but do not fill it again (each fill costs a software rasteriser dearly).
        let clear = egui::Color32::TRANSPARENT;
        egui::Panel::top("inspector")
            .resizable(true)
            .default_size(half)
            .frame(egui::Frame::side_top_panel(ui.style()).fill(clear))
            .show(ui, |ui| {
                ui.add_space(4.0);
                if let Some(e) = inspector::inspector_ui(ui, &self.doc.design, &self.selection) {
                    self.queue(e.edit, e.label, Some(e.merge_key));
                }
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).fill(clear))
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.strong("Findings");
                if let Some(a) = findings::findings_ui(
                    ui,
                    &mut self.findings,
                    &self.doc.design,
                    self.doc.revision,
                    &self.doc.report,
                ) {
                    self.findings_action(a);
                }
            });
    }

    /// The canvas; fitted to the design the first time it is shown.
    fn canvas_panel_ui(&mut self, ui: &mut Ui) {
        self.yield_to_modal(ui);
        let input = CanvasInput {
            design: &self.doc.design,
            report: &self.doc.report,
            estimate: &self.doc.estimate,
            revision: self.doc.revision,
        };
        let responses = canvas::canvas_ui(
            ui,
            &mut self.canvas,
            &self.selection,
            &input,
            &self.canvas_options,
        );
        // Fit once the canvas has been laid out (it needs its viewport size).
        if !self.fitted {
            self.fitted = true;
            self.canvas.zoom_to_fit(&self.doc.design);
            ui.ctx().request_repaint();
        }
        for r in responses {
            match r {
                CanvasResponse::Edit(e) => self.queue(e, "canvas edit", None),
                CanvasResponse::SetSelection(s) => self.selection = s,
                CanvasResponse::Command(c) => self.canvas_command(c),
                CanvasResponse::Pick(t) => self.what_if_toggle(t),
            }
        }
        if self.doc.design.nodes.is_empty() && self.doc.design.containers.is_empty() {
            ui.put(
                egui::Rect::from_center_size(ui.max_rect().center(), egui::vec2(360.0, 60.0)),
                egui::Label::new(
                    RichText::new(
                        "Drag components from the palette, or click one to place it here.",
                    )
                    .weak(),
                ),
            );
        }
    }

    /// A context-menu command from the canvas, as the app's own command.
    fn canvas_command(&mut self, c: CanvasCommand) {
        let cmd = match c {
            CanvasCommand::Rename(t) => {
                self.canvas.begin_rename(&self.doc.design, t);
                return;
            }
            CanvasCommand::Delete => UICommand::Delete,
            CanvasCommand::Duplicate => UICommand::Duplicate,
            CanvasCommand::Copy => UICommand::Copy,
            CanvasCommand::Cut => UICommand::Cut,
            CanvasCommand::Paste(p) => {
                self.paste_at = Some(p);
                UICommand::Paste
            }
            CanvasCommand::SelectAll => UICommand::SelectAll,
            CanvasCommand::ZoomToFit => UICommand::ZoomFit,
            CanvasCommand::ZoomToSelection => UICommand::ZoomSelection,
            CanvasCommand::Arrange(c) => c,
        };
        self.commands.push(cmd);
    }

    fn findings_action(&mut self, a: FindingsAction) {
        match a {
            FindingsAction::Select { nodes, edges } => {
                let mut sel = Selection::of_nodes(nodes);
                sel.edges = edges.into_iter().collect();
                sel.retain_existing(&self.doc.design);
                self.canvas.centre_on(&self.doc.design, &sel);
                self.selection = sel;
            }
            FindingsAction::Explain(rule) => self.explain = Some(rule),
            FindingsAction::Edit { edit, label } => self.queue(*edit, label, None),
        }
    }
}

fn item_name(item: PaletteItem) -> &'static str {
    match item {
        PaletteItem::Node(k) => crate::model::catalog::node_info(k).name,
        PaletteItem::Container(k) => crate::model::catalog::container_info(k).name,
    }
}
