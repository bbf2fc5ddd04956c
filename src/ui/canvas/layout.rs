//! Where things sit on the canvas, shared by painting, hit-testing and the cache: conversions
//! between model and egui units, a node's ports, a container's label band, the zoom levels at
//! which details appear, and the minimap's place and scale.

use crate::geometry::Side;
use crate::model::Pos;
use egui::{Pos2, Rect, Vec2};

/// Zoom from which edge captions are drawn.
pub const CAPTION_ZOOM: f32 = 0.55;
/// The smallest edge caption text drawn, in screen pixels: zoomed out below 100 % × 8/11,
/// captions are set larger in canvas units (and placed for that size) to stay this high.
pub const CAPTION_MIN_PX: f32 = 8.0;
/// Zoom from which node labels are drawn (below it, boxes and icons only).
pub const LABEL_ZOOM: f32 = 0.3;
/// Zoom from which edge finding badges are drawn.
pub const EDGE_BADGE_ZOOM: f32 = 0.25;
/// Zoom from which a node's ports are drawn and can be aimed at to wire.
pub const PORT_ZOOM: f32 = 0.25;
/// Height of a container's label band, in canvas units (it is also grabbed there).
pub const CONTAINER_HEADER: f32 = 26.0;

/// The size edge captions are placed and drawn at `zoom` (that of [`CAPTION_ZOOM`] below it,
/// where only their badges are drawn).
pub fn caption_style(zoom: f32) -> crate::geometry::caption::CaptionStyle {
    crate::geometry::caption::CaptionStyle::canvas(zoom.max(CAPTION_ZOOM), CAPTION_MIN_PX)
}

/// A model rectangle as an egui rectangle (same canvas units).
pub fn to_egui_rect(r: &crate::model::Rect) -> Rect {
    Rect::from_min_size(Pos2::new(r.x, r.y), Vec2::new(r.w, r.h))
}

/// An egui rectangle as a model rectangle (same canvas units).
pub fn to_model_rect(r: Rect) -> crate::model::Rect {
    crate::model::Rect::new(r.min.x, r.min.y, r.width(), r.height())
}

/// An egui point as a model position.
pub fn to_pos(p: Pos2) -> Pos {
    Pos::new(p.x, p.y)
}

/// A model position as an egui point.
pub fn to_pos2(p: Pos) -> Pos2 {
    Pos2::new(p.x, p.y)
}

/// The four port positions of a node rectangle (canvas units).
pub fn ports(r: Rect) -> [(Side, Pos2); 4] {
    [
        (Side::Left, Pos2::new(r.left(), r.center().y)),
        (Side::Right, Pos2::new(r.right(), r.center().y)),
        (Side::Top, Pos2::new(r.center().x, r.top())),
        (Side::Bottom, Pos2::new(r.center().x, r.bottom())),
    ]
}

/// Size of the minimap on screen.
const MINIMAP_SIZE: Vec2 = Vec2::new(200.0, 130.0);

/// Where the minimap sits on screen: the bottom-right corner of `canvas_rect`, when the canvas
/// is big enough to spare the room and there is something to show (`bounds`, the design's
/// extent in canvas units, is not empty).
pub fn minimap_frame(bounds: Rect, canvas_rect: Rect) -> Option<Rect> {
    let fits =
        canvas_rect.width() >= 2.5 * MINIMAP_SIZE.x && canvas_rect.height() >= 2.5 * MINIMAP_SIZE.y;
    (fits && bounds.is_positive()).then(|| {
        Rect::from_min_size(
            canvas_rect.max - MINIMAP_SIZE - Vec2::splat(12.0),
            MINIMAP_SIZE,
        )
    })
}

/// The minimap's scale: canvas units ↔ minimap screen points, the design's `bounds` fitted in
/// the minimap `frame` with their aspect ratio kept.
#[derive(Clone, Copy, Debug)]
pub struct MinimapScale {
    scale: f32,
    offset: Pos2,
}

impl MinimapScale {
    /// Fits `bounds` (canvas units) inside `frame` (screen points) less a small margin.
    pub fn new(frame: Rect, bounds: Rect) -> Self {
        let inner = frame.shrink(6.0);
        let scale = (inner.width() / bounds.width()).min(inner.height() / bounds.height());
        let offset = inner.center() - bounds.center().to_vec2() * scale;
        Self { scale, offset }
    }

    /// A canvas point on the minimap.
    pub fn map_from_canvas(&self, p: Pos2) -> Pos2 {
        Pos2::new(
            p.x * self.scale + self.offset.x,
            p.y * self.scale + self.offset.y,
        )
    }

    /// The canvas point under a minimap point.
    pub fn canvas_from_map(&self, p: Pos2) -> Pos2 {
        Pos2::new(
            (p.x - self.offset.x) / self.scale,
            (p.y - self.offset.y) / self.scale,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimap_scale_fits_the_design_and_inverts() {
        let frame = Rect::from_min_size(Pos2::new(1000.0, 600.0), Vec2::new(200.0, 130.0));
        let bounds = Rect::from_min_max(Pos2::new(-500.0, 0.0), Pos2::new(1500.0, 400.0));
        let s = MinimapScale::new(frame, bounds);
        let shown =
            Rect::from_min_max(s.map_from_canvas(bounds.min), s.map_from_canvas(bounds.max));
        assert!(frame.shrink(5.99).contains_rect(shown), "{shown:?}");
        assert!((shown.center() - frame.center()).length() < 1e-3);
        let p = Pos2::new(321.0, 77.0);
        assert!((s.canvas_from_map(s.map_from_canvas(p)) - p).length() < 1e-3);
    }

    #[test]
    fn the_minimap_needs_room_and_a_design() {
        let big = Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 800.0));
        let design = Rect::from_min_size(Pos2::ZERO, Vec2::new(100.0, 100.0));
        let frame = minimap_frame(design, big).expect("fits");
        assert_eq!(frame.max, big.max - Vec2::splat(12.0));
        assert!(minimap_frame(Rect::NOTHING, big).is_none());
        let small = Rect::from_min_size(Pos2::ZERO, Vec2::new(400.0, 300.0));
        assert!(minimap_frame(design, small).is_none());
    }
}
