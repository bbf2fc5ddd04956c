//! The design as ONE texture: the background, grid, containers, edges and nodes around the
//! view are rasterised once on the CPU into a picture a margin larger than the canvas, and each
//! frame draws that picture as one textured rectangle moved by the pan. A software rasteriser
//! then fills the canvas once per frame instead of drawing every box, label and icon again
//! (at 100 % a frame of a big design drew some 200 boxes, ~8 ms of rasteriser time per 10 % of
//! the canvas they cover). Where nodes are dots the picture is drawn directly (dots, hairlines,
//! tinted containers), so a 100,000-node design costs little more than its pixels; at closer
//! zooms the canvas's own painting is captured instead of shown, tessellated by egui and
//! rasterised as the GPU would ([`Canvas::mesh`]), so the picture looks as the shapes do.
//!
//! The picture is made again only when the design, the selection, the findings or capacity
//! shown, the zoom, the grid or the theme change, or the pan leaves the margin; after an edit a
//! picture of dots redraws only the area the edit changed. While the zoom is changing, while
//! something is being dragged or dropped, and under a review overlay, the canvas is drawn as
//! shapes instead. What follows the pointer is drawn over the picture each frame: the hovered
//! edge, the ports of the hovered node, the gesture previews, and over dots the container
//! labels (text).

use super::frame::{PaintFrame, Scene, Theme};
use super::grid::grid_step;
use super::nodes::dot_colour;
use super::nodes::node_lod_is_dot;
use super::pixels::{Canvas, skia_colour};
use super::{containers, edges, looks, nodes};
use crate::ui::canvas::colors::color;
use crate::ui::canvas::io::{CanvasInput, CanvasOptions};
use crate::ui::canvas::layout::{to_egui_rect, to_pos2};
use crate::ui::canvas::state::{CanvasState, DesignRaster, Gesture, RasterKey};
use crate::ui::selection::Selection;
use egui::emath::TSTransform;
use egui::epaint::{ClippedShape, Primitive};
use egui::{Color32, ColorImage, Mesh, Pos2, Rect, TextureOptions, Vec2};

/// Extra picture around the canvas on every side, in screen points: how far the view can be
/// panned before the picture is made again.
const MARGIN: f32 = 320.0;

/// Whether the canvas can be shown as a picture this frame: no overlay, no drag of elements
/// or palette items, and the zoom did not change since the last frame.
fn applies(
    state: &CanvasState,
    input: &CanvasInput<'_>,
    options: &CanvasOptions,
    dropping: bool,
) -> bool {
    let zoom = state.zoom();
    let gesture_ok = matches!(
        state.gesture,
        Gesture::Idle | Gesture::Pan | Gesture::BoxSelect { .. } | Gesture::Wire { .. }
    );
    let overlay = options
        .overlay
        .as_deref()
        .is_some_and(|o| o.fits(input.design));
    gesture_ok && !overlay && !dropping && state.last_zoom == zoom
}

/// Makes (or keeps) the picture for this frame of the canvas shown in `rect`; returns whether
/// the canvas is painted from it. `dropping`: a palette item is being dragged over the canvas.
pub(crate) fn prepare_design_raster(
    ui: &egui::Ui,
    state: &mut CanvasState,
    selection: &Selection,
    input: &CanvasInput<'_>,
    options: &CanvasOptions,
    rect: Rect,
    dropping: bool,
) -> bool {
    let use_it = applies(state, input, options, dropping);
    state.last_zoom = state.zoom();
    if !use_it {
        return false;
    }
    let theme = Theme::from(ui.visuals());
    let ppp = ui.ctx().pixels_per_point();
    let key = RasterKey {
        builds: state.cache.builds,
        zoom: state.zoom(),
        pixels_per_point: ppp,
        colours: [
            theme.background,
            theme.grid,
            theme.node_fill,
            theme.edge,
            theme.selection,
            theme.text,
            theme.weak_text,
        ],
        show_findings: options.show_findings,
        show_capacity: options.show_capacity,
        grid: options.show_grid.then_some(options.grid_size),
        // Filled in only when a picture is made: with every one of 10,000 components
        // selected, a copy in every frame costs more than the frame's drawing.
        selection: Selection::default(),
    };
    let inv = state.canvas_from_screen();
    let visible = Rect::from_min_max(inv * rect.min, inv * rect.max);
    let zoom = state.zoom();
    let dots = node_lod_is_dot(zoom);
    if let Some(r) = &state.design_raster
        && r.area.contains_rect(visible)
        && same_look(&r.key, &key)
    {
        let same_selection = r.key.selection == *selection;
        if r.key.builds == key.builds && same_selection {
            return true;
        }
        // An edit, a review result or a click: draw again only the area it changed. Dots
        // are drawn as the cache says an edit changed them (a new selection draws all); in
        // detail, where the looks of the elements in the picture differ.
        let (changed, looks) = if dots {
            let changed = same_selection
                .then(|| state.cache.changed_since(r.key.builds))
                .flatten();
            (changed, None)
        } else {
            let looks = looks::looks_in(&scene_of(state, selection, input, options), r.area, zoom);
            let changed = r
                .looks
                .as_ref()
                .and_then(|before| looks::changed_between(before, &looks));
            (changed, Some(looks))
        };
        if let Some(changed) = changed {
            let scale = zoom * ppp;
            let full = [r.image_size[0] as f32, r.image_size[1] as f32];
            // A few pixels more for anti-aliased edges and the dots' overhang.
            let lo = ((changed.min - r.area.min) * scale - Vec2::splat(3.0)).floor();
            let hi = ((changed.max - r.area.min) * scale + Vec2::splat(3.0)).ceil();
            let (x0, y0) = (lo.x.clamp(0.0, full[0]), lo.y.clamp(0.0, full[1]));
            let (x1, y1) = (hi.x.clamp(0.0, full[0]), hi.y.clamp(0.0, full[1]));
            let (area, image_size) = (r.area, r.image_size);
            if x1 > x0 && y1 > y0 {
                let part = Part {
                    area,
                    scale,
                    offset: [x0 as usize, y0 as usize],
                    size: [(x1 - x0) as usize, (y1 - y0) as usize],
                };
                let ctx = ui.ctx();
                if let Some(image) = rasterise(ctx, state, selection, input, options, &theme, &part)
                {
                    if let Some(r) = &mut state.design_raster {
                        r.texture
                            .set_partial(part.offset, image, TextureOptions::NEAREST);
                    }
                } else {
                    return false;
                }
            }
            state.design_raster = state.design_raster.take().map(|mut r| {
                let selection = if same_selection {
                    std::mem::take(&mut r.key.selection)
                } else {
                    selection.clone()
                };
                DesignRaster {
                    key: RasterKey { selection, ..key },
                    area,
                    image_size,
                    looks,
                    ..r
                }
            });
            return true;
        }
    }
    // The picture's pixels line up with the screen's at the moment it is made.
    let min_px = ((rect.min - Vec2::splat(MARGIN)) * ppp).floor();
    let max_px = ((rect.max + Vec2::splat(MARGIN)) * ppp).ceil();
    let size = [
        (max_px.x - min_px.x).max(1.0) as usize,
        (max_px.y - min_px.y).max(1.0) as usize,
    ];
    let area = Rect::from_min_max(
        inv * (min_px / ppp),
        inv * (Pos2::new(min_px.x + size[0] as f32, min_px.y + size[1] as f32) / ppp),
    );
    let part = Part {
        area,
        scale: zoom * ppp,
        offset: [0, 0],
        size,
    };
    let Some(image) = rasterise(ui.ctx(), state, selection, input, options, &theme, &part) else {
        return false;
    };
    let looks =
        (!dots).then(|| looks::looks_in(&scene_of(state, selection, input, options), area, zoom));
    let key = RasterKey {
        selection: selection.clone(),
        ..key
    };
    let texture_options = TextureOptions::NEAREST;
    match &mut state.design_raster {
        Some(r) => {
            r.texture.set(image, texture_options);
            r.key = key;
            r.area = area;
            r.image_size = size;
            r.looks = looks;
        }
        None => {
            state.design_raster = Some(DesignRaster {
                key,
                looks,
                area,
                image_size: size,
                texture: ui
                    .ctx()
                    .load_texture("archway_canvas_design", image, texture_options),
            });
        }
    }
    true
}

/// The scene a picture is painted from: the design at rest (no move previewed) with nothing
/// that follows the pointer.
fn scene_of<'a>(
    state: &'a CanvasState,
    selection: &'a Selection,
    input: &'a CanvasInput<'a>,
    options: &'a CanvasOptions,
) -> Scene<'a> {
    Scene::new(
        state,
        selection,
        input,
        options,
        super::frame::MovePreview::none(),
        true,
    )
}

/// Whether two pictures look the same apart from the design build and the selection they
/// show (the caller compares the selection).
fn same_look(a: &RasterKey, b: &RasterKey) -> bool {
    a.zoom == b.zoom
        && a.pixels_per_point == b.pixels_per_point
        && a.colours == b.colours
        && a.show_findings == b.show_findings
        && a.show_capacity == b.show_capacity
        && a.grid == b.grid
}

/// Which pixels of a picture to draw: the picture covers `area` (canvas units) at `scale`
/// pixels per canvas unit; the part drawn is `size` pixels from `offset`.
struct Part {
    area: Rect,
    scale: f32,
    offset: [usize; 2],
    size: [usize; 2],
}

/// Draws the picture: one textured rectangle (clipped to the canvas by the painter).
pub(super) fn paint_design_raster(f: &PaintFrame<'_>, raster: &DesignRaster) {
    let mut mesh = Mesh::with_texture(raster.texture.id());
    mesh.add_rect_with_uv(
        f.rect(raster.area),
        Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
        Color32::WHITE,
    );
    f.painter.add(mesh);
}

/// Whether a picture made at `zoom` shows nodes as dots (then the container labels are drawn
/// over it).
pub(super) fn shows_dots(raster: &DesignRaster) -> bool {
    node_lod_is_dot(raster.key.zoom)
}

/// The pixels of `part` of a picture: background and grid, then where nodes are dots,
/// containers, edges as hairlines and nodes as dots, drawn as the shapes would draw them at
/// this zoom; at closer zooms, the canvas's own shapes ([`paint_shapes`]). Every coordinate
/// is computed in the whole picture's pixels, then shifted, so a part matches the whole
/// exactly.
fn rasterise(
    ctx: &egui::Context,
    state: &CanvasState,
    selection: &Selection,
    input: &CanvasInput<'_>,
    options: &CanvasOptions,
    theme: &Theme,
    part: &Part,
) -> Option<ColorImage> {
    let size = part.size;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size[0] as u32, size[1] as u32)?;
    let zoom = state.zoom();
    let ppp = part.scale / zoom;
    let (origin, scale) = (part.area.min, part.scale);
    let shift = Vec2::new(part.offset[0] as f32, part.offset[1] as f32);
    // Canvas units → pixels of the whole picture (the canvas shifts them to this part).
    let px = |p: Pos2| ((p - origin) * scale).to_pos2();
    let px_rect = |r: Rect| Rect::from_min_max(px(r.min), px(r.max));
    // The canvas area of this part (a pixel more on each side).
    let area = Rect::from_min_max(
        origin + (shift - Vec2::splat(1.0)) / scale,
        origin + (shift + Vec2::new(size[0] as f32 + 1.0, size[1] as f32 + 1.0)) / scale,
    );
    let mut canvas = Canvas {
        pixmap: &mut pixmap,
        shift,
    };
    canvas.pixmap.fill(skia_colour(theme.background));
    if let Some(grid) = options.show_grid.then_some(options.grid_size) {
        let step = grid_step(grid, zoom);
        let first = |lo: f32| (lo / step).floor() as i64;
        let (w, h) = (size[0] as f32, size[1] as f32);
        // The pixel whose centre is the first past the line, as the grid tile's texture puts
        // it on screen (see `grid::paint_background`).
        let snap = |v: f32| (v - 0.5).ceil();
        for k in first(area.min.x)..=first(area.max.x) {
            let x = snap((k as f32 * step - origin.x) * scale);
            let line = Rect::from_min_max(Pos2::new(x, shift.y), Pos2::new(x + 1.0, shift.y + h));
            canvas.fill(line, theme.grid, false);
        }
        for k in first(area.min.y)..=first(area.max.y) {
            let y = snap((k as f32 * step - origin.y) * scale);
            let line = Rect::from_min_max(Pos2::new(shift.x, y), Pos2::new(shift.x + w, y + 1.0));
            canvas.fill(line, theme.grid, false);
        }
    }
    let scene = scene_of(state, selection, input, options);
    if !node_lod_is_dot(zoom) {
        paint_shapes(ctx, &mut canvas, &scene, theme, part);
        return Some(ColorImage::from_rgba_premultiplied(size, pixmap.data()));
    }
    paint_containers(&mut canvas, &scene, theme, area, ppp, &px_rect);
    // Edges: hairlines, as drawn zoomed out (the hovered one is drawn over the picture).
    for e in scene.cache.edges_in(area) {
        let (Some(edge), Some(Some(route))) =
            (scene.design.edges.get(e), scene.cache.edge_routes.get(e))
        else {
            continue;
        };
        if route.length() * zoom < 2.0 {
            continue;
        }
        let colour = if selection.edges.contains(&edge.id) {
            theme.selection
        } else {
            theme.edge
        }
        .gamma_multiply(0.7);
        for (a, b) in route.segments() {
            let (a, b) = (px(to_pos2(a)), px(to_pos2(b)));
            if (b - a).length_sq() < ppp * ppp {
                continue;
            }
            if a.x == b.x || a.y == b.y {
                canvas.fill(Rect::from_two_pos(a, b).expand(0.5 * ppp), colour, false);
            } else {
                canvas.line(a, b, ppp, colour);
            }
        }
    }
    // Nodes: dots in their selection, finding or category colour.
    for n in scene.cache.nodes_in(area) {
        if let Some(c) = dot_colour(theme, &scene, n) {
            canvas.fill(
                px_rect(scene.cache.node_rects[n]).expand(0.25 * ppp),
                c,
                false,
            );
        }
    }
    Some(ColorImage::from_rgba_premultiplied(size, pixmap.data()))
}

/// The canvas's own painting of `part` (containers, edges with captions and badges, nodes with
/// icons, labels and badges), captured instead of shown, tessellated by egui and rasterised
/// into `canvas`: the picture looks as the shapes would.
fn paint_shapes(
    ctx: &egui::Context,
    canvas: &mut Canvas<'_>,
    scene: &Scene<'_>,
    theme: &Theme,
    part: &Part,
) {
    let zoom = scene.state.zoom();
    let ppp = part.scale / zoom;
    // Canvas units → points of the whole picture (its pixels are points × ppp).
    let t = TSTransform::new(-part.area.min.to_vec2() * zoom, zoom);
    let part_px = Rect::from_min_size(
        canvas.shift.to_pos2(),
        Vec2::new(part.size[0] as f32, part.size[1] as f32),
    );
    let layer = egui::LayerId::new(egui::Order::Background, egui::Id::unique("archway_picture"));
    let painter = egui::Painter::new(
        ctx.clone(),
        layer,
        Rect::from_min_max(part_px.min / ppp, part_px.max / ppp),
    );
    let inv = t.inverse();
    let f = PaintFrame {
        painter: &painter,
        t,
        zoom,
        theme: theme.clone(),
        // Badges and captions reach a little beyond their element.
        visible: Rect::from_min_max(inv * painter.clip_rect().min, inv * painter.clip_rect().max)
            .expand(40.0 / zoom),
    };
    containers::paint_containers(&f, scene, None);
    edges::paint_edges(&f, scene);
    nodes::paint_nodes(&f, scene);
    let shapes: Vec<ClippedShape> = ctx.graphics_mut(|g| {
        std::mem::take(g.entry(layer))
            .all_entries()
            .cloned()
            .collect()
    });
    if shapes.is_empty() {
        return;
    }
    let atlas = ctx.fonts(|fonts| fonts.image());
    for primitive in ctx.tessellate(shapes, ppp) {
        if let Primitive::Mesh(mesh) = &primitive.primitive {
            let clip = primitive.clip_rect;
            let clip = Rect::from_min_max((clip.min * ppp).round(), (clip.max * ppp).round());
            let texture = (mesh.texture_id == egui::TextureId::default()).then_some(&atlas);
            canvas.mesh(mesh, ppp, clip, texture);
        }
    }
}

/// Containers as the shapes draw them zoomed out: a tinted box with an inside outline (labels
/// are drawn over the picture), and the resize handle of a selected one.
fn paint_containers(
    canvas: &mut Canvas<'_>,
    s: &Scene<'_>,
    theme: &Theme,
    area: Rect,
    ppp: f32,
    px_rect: &impl Fn(Rect) -> Rect,
) {
    for &c in &s.cache.container_order {
        let Some(container) = s.design.containers.get(c) else {
            continue;
        };
        let r = to_egui_rect(&container.rect);
        if !r.intersects(area) {
            continue;
        }
        let sr = px_rect(r);
        if sr.width() < 3.0 * ppp && sr.height() < 3.0 * ppp {
            continue;
        }
        let tint = color(crate::geometry::container_color(container.kind));
        let fill_alpha = if theme.dark { 0.10 } else { 0.08 };
        let selected = s.selection.containers.contains(&container.id);
        let (width, stroke) = if selected {
            (2.0, theme.selection)
        } else {
            (1.2, tint.gamma_multiply(0.8))
        };
        canvas.fill(sr, tint.gamma_multiply(fill_alpha), true);
        let w = width * ppp;
        for side in [
            Rect::from_min_max(sr.min, Pos2::new(sr.max.x, sr.min.y + w)),
            Rect::from_min_max(Pos2::new(sr.min.x, sr.max.y - w), sr.max),
            Rect::from_min_max(
                Pos2::new(sr.min.x, sr.min.y + w),
                Pos2::new(sr.min.x + w, sr.max.y - w),
            ),
            Rect::from_min_max(
                Pos2::new(sr.max.x - w, sr.min.y + w),
                Pos2::new(sr.max.x, sr.max.y - w),
            ),
        ] {
            canvas.fill(side, stroke, true);
        }
        if selected {
            let h = Rect::from_center_size(sr.max - Vec2::splat(5.0 * ppp), Vec2::splat(8.0 * ppp));
            canvas.fill(h, theme.selection, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capacity::Estimate;
    use crate::critique::Report;
    use crate::model::{Edit, synthetic};
    use egui::emath::TSTransform;

    /// A whole picture, `size` pixels, of the top-left corner of `design` at `zoom`.
    fn whole_at(
        state: &mut CanvasState,
        design: &crate::model::Design,
        revision: u64,
        zoom: f32,
        size: [usize; 2],
    ) -> Part {
        state.cache.refresh(design, &Report::default(), revision);
        state.set_view(TSTransform::new(Vec2::ZERO, zoom));
        Part {
            area: Rect::from_min_size(
                Pos2::new(-50.0, -50.0),
                Vec2::new(size[0] as f32, size[1] as f32) / zoom,
            ),
            scale: zoom,
            offset: [0, 0],
            size,
        }
    }

    /// A whole picture of `design` at zoom 0.1 (nodes are dots).
    fn picture(state: &mut CanvasState, design: &crate::model::Design, revision: u64) -> Part {
        whole_at(state, design, revision, 0.1, [300, 200])
    }

    /// `part` of the picture of `design` as the canvas would paint it in `visuals`' theme,
    /// with what the painted elements looked like.
    fn render(
        ctx: &egui::Context,
        state: &CanvasState,
        design: &crate::model::Design,
        selection: &Selection,
        part: &Part,
        visuals: &egui::Visuals,
    ) -> (ColorImage, crate::ui::canvas::state::DrawnLooks) {
        let (report, estimate) = (Report::default(), Estimate::default());
        let input = CanvasInput {
            design,
            report: &report,
            estimate: &estimate,
            revision: 0,
        };
        let options = CanvasOptions::default();
        let theme = Theme::from(visuals);
        let image = rasterise(ctx, state, selection, &input, &options, &theme, part);
        let looks = looks::looks_in(
            &scene_of(state, selection, &input, &options),
            part.area,
            state.zoom(),
        );
        (image.expect("a picture"), looks)
    }

    /// `part` of the zoomed-out picture, nothing selected, in the light theme.
    fn draw(state: &CanvasState, design: &crate::model::Design, part: &Part) -> ColorImage {
        let ctx = egui::Context::default();
        let selection = Selection::default();
        render(
            &ctx,
            state,
            design,
            &selection,
            part,
            &egui::Visuals::light(),
        )
        .0
    }

    #[test]
    fn the_picture_shows_the_nodes_in_their_colour_on_the_background() {
        let design = synthetic::grid(100);
        let mut state = CanvasState::new();
        let whole = picture(&mut state, &design, 1);
        let image = draw(&state, &design, &whole);
        let theme = Theme::from(&egui::Visuals::light());
        let centre = state.cache.node_rects[0].center();
        let p = ((centre - whole.area.min) * whole.scale).to_pos2();
        let node = image.pixels[p.y as usize * whole.size[0] + p.x as usize];
        assert_eq!(
            node,
            color(crate::geometry::node_color(&design.nodes[0])),
            "the first node's centre"
        );
        // The top-left corner is empty canvas: background or a grid line.
        assert!([theme.background, theme.grid].contains(&image.pixels[1]));
    }

    #[test]
    fn redrawing_the_area_a_move_changed_gives_the_picture_of_the_moved_design() {
        let mut design = synthetic::grid(100);
        let mut state = CanvasState::new();
        let whole = picture(&mut state, &design, 1);
        let mut image = draw(&state, &design, &whole);
        let before = state.cache.builds;
        Edit::Move {
            nodes: vec![design.nodes[12].id.clone()],
            containers: vec![],
            dx: 0.0,
            dy: 18.0,
        }
        .apply(&mut design);
        picture(&mut state, &design, 2);
        let changed = state.cache.changed_since(before).expect("incremental");
        let lo = ((changed.min - whole.area.min) * whole.scale - Vec2::splat(3.0)).floor();
        let hi = ((changed.max - whole.area.min) * whole.scale + Vec2::splat(3.0)).ceil();
        let part = Part {
            offset: [lo.x.max(0.0) as usize, lo.y.max(0.0) as usize],
            size: [
                (hi.x - lo.x.max(0.0)) as usize,
                (hi.y - lo.y.max(0.0)) as usize,
            ],
            ..whole
        };
        assert!(part.size[0] * part.size[1] < whole.size[0] * whole.size[1] / 4);
        let patch = draw(&state, &design, &part);
        for y in 0..part.size[1] {
            for x in 0..part.size[0] {
                let (gx, gy) = (part.offset[0] + x, part.offset[1] + y);
                if gx < whole.size[0] && gy < whole.size[1] {
                    image.pixels[gy * whole.size[0] + gx] = patch.pixels[y * part.size[0] + x];
                }
            }
        }
        let fresh = draw(&state, &design, &whole);
        let differing = (0..fresh.pixels.len())
            .filter(|&i| fresh.pixels[i] != image.pixels[i])
            .count();
        assert_eq!(differing, 0, "pixels differing from a whole new picture");
        // And the move did change the picture.
        let (mut old_state, old_design) = (CanvasState::new(), synthetic::grid(100));
        picture(&mut old_state, &old_design, 1);
        let old = draw(&old_state, &old_design, &whole);
        assert_ne!(old.pixels, fresh.pixels);
    }

    /// Runs `f` inside an egui pass (fonts loaded), as the canvas does.
    fn in_pass(f: impl FnOnce(&egui::Context)) {
        let ctx = egui::Context::default();
        let mut f = Some(f);
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            if let Some(f) = f.take() {
                f(ui.ctx());
            }
        });
        // No renderer takes the font atlas here; epaint's debug check wants that said.
        output.textures_delta.clear();
    }

    /// A whole picture at 100 % (nodes in full detail) of the top-left corner of a design.
    fn detail(state: &mut CanvasState, design: &crate::model::Design, revision: u64) -> Part {
        whole_at(state, design, revision, 1.0, [640, 320])
    }

    /// `part` of the detailed picture with `selection`, in the dark theme.
    fn draw_in(
        ctx: &egui::Context,
        state: &CanvasState,
        design: &crate::model::Design,
        selection: &Selection,
        part: &Part,
    ) -> (ColorImage, crate::ui::canvas::state::DrawnLooks) {
        render(ctx, state, design, selection, part, &egui::Visuals::dark())
    }

    #[test]
    fn a_detailed_picture_shows_the_box_its_outline_and_its_label() {
        in_pass(|ctx| {
            let design = synthetic::grid(20);
            let mut state = CanvasState::new();
            let part = detail(&mut state, &design, 1);
            let (image, _) = draw_in(ctx, &state, &design, &Selection::default(), &part);
            let theme = Theme::from(&egui::Visuals::dark());
            let at = |p: Pos2| {
                let p = ((p - part.area.min) * part.scale).to_pos2();
                image.pixels[p.y as usize * part.size[0] + p.x as usize]
            };
            let r = state.cache.node_rects[0];
            assert_eq!(
                at(r.max - Vec2::new(6.0, 4.0)),
                theme.node_fill,
                "inside the box"
            );
            let accent = color(crate::geometry::node_color(&design.nodes[0]));
            assert_eq!(
                at(Pos2::new(r.min.x + 0.5, r.center().y)),
                accent,
                "outline"
            );
            // The label "Box 1" sits right of the icon, in the text colour.
            let label = Rect::from_min_max(
                Pos2::new(r.min.x + 45.0, r.min.y + 8.0),
                Pos2::new(r.max.x - 8.0, r.max.y - 8.0),
            );
            let inked = (label.min.y as i32..label.max.y as i32)
                .flat_map(|y| (label.min.x as i32..label.max.x as i32).map(move |x| (x, y)))
                .filter(|&(x, y)| at(Pos2::new(x as f32 + 0.5, y as f32 + 0.5)) != theme.node_fill)
                .count();
            assert!(inked > 40, "label pixels: {inked}");
            // Between boxes: the background (or a grid line).
            let gap = Pos2::new(r.max.x + 20.0, r.max.y + 20.0);
            assert!([theme.background, theme.grid].contains(&at(gap)));
        });
    }

    #[test]
    fn a_move_or_a_click_redraws_only_what_changed_in_a_detailed_picture() {
        in_pass(|ctx| {
            let mut design = synthetic::grid(20);
            let mut state = CanvasState::new();
            let whole = detail(&mut state, &design, 1);
            let none = Selection::default();
            let (mut image, before) = draw_in(ctx, &state, &design, &none, &whole);
            Edit::Move {
                nodes: vec![design.nodes[1].id.clone()],
                containers: vec![],
                dx: 0.0,
                dy: 18.0,
            }
            .apply(&mut design);
            detail(&mut state, &design, 2);
            let picked = Selection::node(design.nodes[2].id.clone());
            let (fresh, after) = draw_in(ctx, &state, &design, &picked, &whole);
            let changed = looks::changed_between(&before, &after).expect("no container");
            let lo = ((changed.min - whole.area.min) * whole.scale - Vec2::splat(3.0)).floor();
            let hi = ((changed.max - whole.area.min) * whole.scale + Vec2::splat(3.0)).ceil();
            let (x0, y0) = (lo.x.max(0.0) as usize, lo.y.max(0.0) as usize);
            let x1 = (hi.x as usize).min(whole.size[0]);
            let y1 = (hi.y as usize).min(whole.size[1]);
            let part = Part {
                offset: [x0, y0],
                size: [x1 - x0, y1 - y0],
                ..whole
            };
            assert!(
                part.size[0] * part.size[1] < whole.size[0] * whole.size[1] * 3 / 4,
                "{:?} of {:?}",
                part.size,
                whole.size
            );
            let (patch, _) = draw_in(ctx, &state, &design, &picked, &part);
            for y in 0..part.size[1] {
                for x in 0..part.size[0] {
                    let i = (y0 + y) * whole.size[0] + x0 + x;
                    image.pixels[i] = patch.pixels[y * part.size[0] + x];
                }
            }
            let differing = (0..fresh.pixels.len())
                .filter(|&i| fresh.pixels[i] != image.pixels[i])
                .count();
            assert_eq!(differing, 0, "pixels differing from a whole new picture");
            // Nothing changed: nothing to redraw.
            let (_, again) = draw_in(ctx, &state, &design, &picked, &whole);
            assert_eq!(looks::changed_between(&after, &again), Some(Rect::NOTHING));
        });
    }
}
