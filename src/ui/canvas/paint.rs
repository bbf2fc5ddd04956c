//! Drawing the canvas: grid, containers, edges, nodes, icons, badges and gesture previews.
