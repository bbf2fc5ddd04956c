//! Colours shared by painting, tooltips and the cached minimap picture: category and container
//! tints from [`crate::geometry`], finding severities and capacity statuses.

use crate::capacity::Status;
use crate::critique::Severity;
use crate::geometry::Rgb;
use egui::Color32;

/// An egui colour from a shared geometry colour.
pub fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Badge colour of the worst severity (`None`: only suppressed findings).
pub fn severity_color(s: Option<Severity>, dark: bool) -> Color32 {
    match s {
        Some(Severity::Error) => Color32::from_rgb(0xdc, 0x26, 0x26),
        Some(Severity::Warning) => Color32::from_rgb(0xd9, 0x77, 0x06),
        Some(Severity::Info) => Color32::from_rgb(0x25, 0x63, 0xeb),
        None if dark => Color32::from_gray(110),
        None => Color32::from_gray(150),
    }
}

/// Colour of a capacity status.
pub fn status_color(s: Status) -> Color32 {
    match s {
        Status::Ok => Color32::from_rgb(0x16, 0xa3, 0x4a),
        Status::Hot => Color32::from_rgb(0xd9, 0x77, 0x06),
        Status::Over => Color32::from_rgb(0xdc, 0x26, 0x26),
        Status::Unknown => Color32::from_gray(128),
    }
}
