//! Reading diagrams drawn in other tools (draw.io, Mermaid, D2, Structurizr, PlantUML,
//! Excalidraw) into Archway designs. Each format's reader returns a [`Diagram`]; one shared
//! builder guesses kinds from a table kept as data, resolves containment and loose link ends,
//! lays the design out and writes the import report.

pub mod d2;
pub mod diagram;
pub mod excalidraw;
pub mod mermaid;
pub mod plantuml;
pub mod structurizr;
mod text;

pub use diagram::{
    Bounds, Diagram, Element, Hints, ImportError, Link, LinkEnd, LinkStyle, PageChoice, Skipped,
    SourceFormat, SourceRef,
};
