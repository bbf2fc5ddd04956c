//! PDF export: the SVG diagram converted to vector PDF with svg2pdf, one page the size of the
//! drawing, text embedded with the bundled font so it stays selectable.

use super::ExportError;

/// Largest page side in points (PDF viewers commonly refuse pages above 200 inches).
pub const MAX_PAGE_SIDE_PT: f32 = 14_400.0;

/// Converts an SVG document to a one-page PDF (characters no bundled font has become visible
/// marks first, see [`super::png::drawable`]). One canvas unit is one point unless the drawing
/// is too large for a page, in which case the page is scaled down to fit.
pub fn render(svg: &str) -> Result<Vec<u8>, ExportError> {
    let tree = super::png::parse(&super::png::drawable(svg))?;
    let size = tree.size();
    let longest = size.width().max(size.height());
    let dpi = if longest > MAX_PAGE_SIDE_PT {
        72.0 * longest / MAX_PAGE_SIDE_PT
    } else {
        72.0
    };
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi },
    )
    .map_err(|e| ExportError::Render(e.to_string()))
}
