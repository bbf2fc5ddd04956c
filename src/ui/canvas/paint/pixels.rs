//! Drawing into a CPU picture (tiny-skia, through resvg) the way the canvas draws shapes: plain
//! rectangles covering the pixels whose centres they contain, blended directly, anti-aliased
//! rectangles and lines through tiny-skia, and egui's own tessellated meshes (shapes and text)
//! rasterised as the GPU rasterises them.

use egui::epaint::{Mesh, Vertex};
use egui::{Color32, ColorImage, Pos2, Rect, Vec2};

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

impl Canvas<'_> {
    /// Draws an egui `mesh` as a GPU draws it: its vertices are in points of the whole
    /// picture, `ppp` pixels each; a triangle covers the pixels whose centres it contains
    /// (ties go to one side only, so the triangles of one shape never cover a pixel twice),
    /// with its vertex colours interpolated, times the `texture`'s texel (egui's font atlas;
    /// `None` draws untextured), blended premultiplied over the picture, inside `clip` (whole
    /// picture's pixels).
    pub fn mesh(&mut self, mesh: &Mesh, ppp: f32, clip: Rect, texture: Option<&ColorImage>) {
        let (w, h) = (self.pixmap.width() as f32, self.pixmap.height() as f32);
        let clip = clip
            .translate(-self.shift)
            .intersect(Rect::from_min_size(Pos2::ZERO, Vec2::new(w, h)));
        if !clip.is_positive() {
            return;
        }
        let stride = w as usize * 4;
        let data = self.pixmap.data_mut();
        let at = |v: &Vertex| (v.pos.to_vec2() * ppp - self.shift).to_pos2();
        for tri in mesh.indices.chunks_exact(3) {
            let vertex = |i: u32| mesh.vertices.get(i as usize);
            let (Some(va), Some(vb), Some(vc)) = (vertex(tri[0]), vertex(tri[1]), vertex(tri[2]))
            else {
                continue;
            };
            let (mut b, mut c) = ((at(vb), vb), (at(vc), vc));
            let a = (at(va), va);
            let mut area = cross(a.0, b.0, c.0);
            if area.is_nan() || area.abs() <= 1e-6 {
                continue;
            }
            if area < 0.0 {
                std::mem::swap(&mut b, &mut c);
                area = -area;
            }
            let [(pa, va), (pb, vb), (pc, vc)] = [a, b, c];
            // Pixel centres inside the triangle's bounds and the clip.
            let lo = pa.min(pb).min(pc);
            let hi = pa.max(pb).max(pc);
            let x0 = (lo.x - 0.5).ceil().max(clip.min.x);
            let x1 = (hi.x - 0.5).floor().min(clip.max.x - 1.0);
            let y0 = (lo.y - 0.5).ceil().max(clip.min.y);
            let y1 = (hi.y - 0.5).floor().min(clip.max.y - 1.0);
            if x0 > x1 || y0 > y1 {
                continue;
            }
            let edges = [Edge::new(pb, pc), Edge::new(pc, pa), Edge::new(pa, pb)];
            let textured = texture.filter(|_| {
                [va.uv, vb.uv, vc.uv]
                    .iter()
                    .any(|uv| *uv != egui::epaint::WHITE_UV)
            });
            let flat = textured.is_none() && va.color == vb.color && va.color == vc.color;
            let colours = [va.color, vb.color, vc.color].map(|c| c.to_array().map(f32::from));
            let uvs = [va.uv, vb.uv, vc.uv];
            for y in y0 as usize..=y1 as usize {
                let py = y as f32 + 0.5;
                // The row's span: where each edge function, linear in x, can be positive (a
                // pixel wider for rounding; the exact test below decides). A long thin
                // triangle of a fan then costs its own pixels, not its bounding box.
                let (mut lo, mut hi) = (x0, x1);
                for e in &edges {
                    let slope = e.from.y - e.to.y;
                    let at_zero = e.at(Pos2::new(0.0, py));
                    if slope > 0.0 {
                        lo = lo.max((-at_zero / slope - 0.5).floor());
                    } else if slope < 0.0 {
                        hi = hi.min((-at_zero / slope - 0.5).ceil());
                    }
                }
                if lo > hi {
                    continue;
                }
                let row = &mut data[y * stride..(y + 1) * stride];
                for x in lo as usize..=hi as usize {
                    let p = Pos2::new(x as f32 + 0.5, py);
                    let ws = edges.map(|e| e.at(p));
                    if !edges.iter().zip(ws).all(|(e, w)| e.covers(w)) {
                        continue;
                    }
                    let src = if flat {
                        va.color.to_array()
                    } else {
                        let l = ws.map(|w| w / area);
                        let mut src = [0u8; 4];
                        for (k, s) in src.iter_mut().enumerate() {
                            let v =
                                colours[0][k] * l[0] + colours[1][k] * l[1] + colours[2][k] * l[2];
                            *s = v.round().clamp(0.0, 255.0) as u8;
                        }
                        if let Some(tex) = textured {
                            let u = uvs[0].x * l[0] + uvs[1].x * l[1] + uvs[2].x * l[2];
                            let v = uvs[0].y * l[0] + uvs[1].y * l[1] + uvs[2].y * l[2];
                            let tx = ((u * tex.width() as f32) as usize).min(tex.width() - 1);
                            let ty = ((v * tex.height() as f32) as usize).min(tex.height() - 1);
                            let t = tex.pixels[ty * tex.width() + tx].to_array();
                            for (s, t) in src.iter_mut().zip(t) {
                                *s = ((u32::from(*s) * u32::from(t) + 127) / 255) as u8;
                            }
                        }
                        src
                    };
                    blend(&mut row[x * 4..x * 4 + 4], src);
                }
            }
        }
    }
}

/// Twice the signed area of the triangle `a`, `b`, `p`.
fn cross(a: Pos2, b: Pos2, p: Pos2) -> f32 {
    (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
}

/// One edge of a triangle wound so that its inside is where every edge function is positive.
#[derive(Clone, Copy)]
struct Edge {
    from: Pos2,
    to: Pos2,
    /// Whether a pixel centre exactly on the edge is covered: of two triangles sharing the
    /// edge (wound in opposite directions), exactly one takes it.
    takes_ties: bool,
}

impl Edge {
    fn new(from: Pos2, to: Pos2) -> Self {
        let d = to - from;
        Self {
            from,
            to,
            takes_ties: d.y < 0.0 || (d.y == 0.0 && d.x > 0.0),
        }
    }

    fn at(&self, p: Pos2) -> f32 {
        cross(self.from, self.to, p)
    }

    fn covers(&self, w: f32) -> bool {
        w > 0.0 || (w == 0.0 && self.takes_ties)
    }
}

/// Blends premultiplied `src` over the premultiplied pixel `dst`.
fn blend(dst: &mut [u8], src: [u8; 4]) {
    let keep = 255 - u32::from(src[3]);
    if keep == 0 {
        dst.copy_from_slice(&src);
    } else {
        for (d, s) in dst.iter_mut().zip(src) {
            *d = s.saturating_add(((u32::from(*d) * keep + 127) / 255) as u8);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pixmap() -> resvg::tiny_skia::Pixmap {
        let mut p = resvg::tiny_skia::Pixmap::new(20, 10).expect("pixmap");
        p.fill(skia_colour(Color32::WHITE));
        p
    }

    #[test]
    fn two_triangles_sharing_an_edge_cover_each_pixel_once() {
        let mut p = pixmap();
        let mut canvas = Canvas {
            pixmap: &mut p,
            shift: Vec2::ZERO,
        };
        let mut mesh = Mesh::default();
        let half = Color32::from_rgba_premultiplied(0, 0, 100, 128);
        // A diagonal split: the shared edge runs through pixel centres.
        mesh.add_colored_rect(
            Rect::from_min_max(Pos2::new(2.0, 1.0), Pos2::new(12.0, 9.0)),
            half,
        );
        mesh.add_triangle(0, 3, 3);
        let everything = Rect::from_min_size(Pos2::ZERO, Vec2::new(20.0, 10.0));
        canvas.mesh(&mesh, 1.0, everything, None);
        let px = |x: usize, y: usize| {
            let d = &p.data()[(y * 20 + x) * 4..(y * 20 + x) * 4 + 4];
            [d[0], d[1], d[2], d[3]]
        };
        let once = [127, 127, 227, 255];
        let covered = (0..10)
            .flat_map(|y| (0..20).map(move |x| (x, y)))
            .filter(|&(x, y)| px(x, y) != [255, 255, 255, 255])
            .collect::<Vec<_>>();
        assert_eq!(covered.len(), 10 * 8, "the rectangle's pixels");
        assert!(
            covered.iter().all(|&(x, y)| px(x, y) == once),
            "blended once"
        );
        assert!(
            covered
                .iter()
                .all(|&(x, y)| (2..12).contains(&x) && (1..9).contains(&y))
        );
    }

    #[test]
    fn a_textured_triangle_multiplies_its_colour_by_the_texel_and_keeps_to_the_clip() {
        let mut p = pixmap();
        let mut canvas = Canvas {
            pixmap: &mut p,
            shift: Vec2::new(0.0, 0.0),
        };
        let mut texture = ColorImage::filled([2, 1], Color32::WHITE);
        texture.pixels[1] = Color32::from_rgba_premultiplied(0, 0, 0, 0);
        let mut mesh = Mesh::default();
        // The left half samples the white texel, the right half the transparent one.
        mesh.add_rect_with_uv(
            Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(20.0, 10.0)),
            Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(1.0, 1.0)),
            Color32::RED,
        );
        let clip = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(20.0, 5.0));
        canvas.mesh(&mesh, 1.0, clip, Some(&texture));
        let px = |x: usize, y: usize| p.data()[(y * 20 + x) * 4..(y * 20 + x) * 4 + 4].to_vec();
        assert_eq!(px(3, 2), vec![255, 0, 0, 255], "red times white");
        assert_eq!(px(15, 2), vec![255, 255, 255, 255], "transparent texel");
        assert_eq!(px(3, 7), vec![255, 255, 255, 255], "outside the clip");
    }
}
