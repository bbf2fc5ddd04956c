//! The minimap: the whole design in miniature with the visible area, click to jump.
