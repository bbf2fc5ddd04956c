//! Drawing into a CPU picture (tiny-skia, through resvg) the way the canvas draws shapes: plain
//! rectangles covering the pixels whose centres they contain, blended directly, and
//! anti-aliased rectangles and lines through tiny-skia.

use egui::{Color32, Pos2, Rect, Vec2};

/// The pixmap being drawn: a part of a picture, `shift` pixels from its top-left corner.
/// Coordinates given to it are in the whole picture's pixels.
pub(super) struct Canvas<'a> {
    pub pixmap: &'a mut resvg::tiny_skia::Pixmap,
    pub shift: Vec2,
}

impl Canvas<'_> {
    /// Fills `r` with `colour`. Without anti-aliasing a pixel is covered when its centre is
    /// inside (left and top edges included), as a mesh is drawn; the rounding happens in the
    /// whole picture's pixels, so a part is drawn exactly as the whole. Those rectangles are
    /// blended here directly (thousands of dots cost little more than their pixels).
    pub fn fill(&mut self, r: Rect, colour: Color32, anti_alias: bool) {
        let (w, h) = (self.pixmap.width() as f32, self.pixmap.height() as f32);
        if anti_alias {
            let r = r.translate(-self.shift);
            let Some(rect) = resvg::tiny_skia::Rect::from_ltrb(r.min.x, r.min.y, r.max.x, r.max.y)
            else {
                return;
            };
            let paint = paint_of(colour, true);
            self.pixmap
                .fill_rect(rect, &paint, resvg::tiny_skia::Transform::identity(), None);
            return;
        }
        // Pixel centres inside, in the whole picture's pixels, then shifted and clipped.
        let snap = |v: f32| (v - 0.5).ceil();
        let x0 = (snap(r.min.x) - self.shift.x).clamp(0.0, w) as usize;
        let x1 = (snap(r.max.x) - self.shift.x).clamp(0.0, w) as usize;
        let y0 = (snap(r.min.y) - self.shift.y).clamp(0.0, h) as usize;
        let y1 = (snap(r.max.y) - self.shift.y).clamp(0.0, h) as usize;
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        // Both are premultiplied: source over is src + dst × (1 − src alpha).
        let src = colour.to_array();
        let keep = 255 - u32::from(src[3]);
        let stride = w as usize * 4;
        let data = self.pixmap.data_mut();
        for y in y0..y1 {
            let row = &mut data[y * stride + x0 * 4..y * stride + x1 * 4];
            if keep == 0 {
                for px in row.chunks_exact_mut(4) {
                    px.copy_from_slice(&src);
                }
            } else {
                for px in row.chunks_exact_mut(4) {
                    for (d, s) in px.iter_mut().zip(src) {
                        *d = s.saturating_add(((u32::from(*d) * keep + 127) / 255) as u8);
                    }
                }
            }
        }
    }

    /// A line of `width` pixels from `a` to `b` (whole picture's pixels).
    pub fn line(&mut self, a: Pos2, b: Pos2, width: f32, colour: Color32) {
        let (a, b) = (a - self.shift, b - self.shift);
        let mut pb = resvg::tiny_skia::PathBuilder::new();
        pb.move_to(a.x, a.y);
        pb.line_to(b.x, b.y);
        let Some(path) = pb.finish() else { return };
        let stroke = resvg::tiny_skia::Stroke {
            width,
            ..Default::default()
        };
        self.pixmap.stroke_path(
            &path,
            &paint_of(colour, true),
            &stroke,
            resvg::tiny_skia::Transform::identity(),
            None,
        );
    }
}

/// A solid tiny-skia paint of an egui colour.
pub(super) fn paint_of(colour: Color32, anti_alias: bool) -> resvg::tiny_skia::Paint<'static> {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    let mut paint = resvg::tiny_skia::Paint::default();
    paint.set_color_rgba8(r, g, b, a);
    paint.anti_alias = anti_alias;
    paint
}

pub(super) fn skia_colour(c: Color32) -> resvg::tiny_skia::Color {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    resvg::tiny_skia::Color::from_rgba8(r, g, b, a)
}
