//! The SVG export of every template in headless Chromium: each label is drawn in the embedded
//! font, as wide and where the layout measured it (and the PNG draws it), compared as label
//! boxes, not pixels. Skipped, saying why, when no `chromium` is installed (CI installs it).

use archway::critique::Analysis;
use archway::export::{Options, svg};
use archway::geometry::text::text_width;
use std::process::Command;

/// The Chromium binary, when one is installed.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// A label as the layout placed it: its text, the start of its box (after `text-anchor`) and
/// its width in the bundled fonts.
#[derive(Debug)]
struct Expected {
    text: String,
    left: f32,
    width: f32,
}

/// Every `<text>` element of `svg` that is one run of text (no `<tspan>`), with its box.
fn expected_labels(svg: &str) -> Vec<Option<Expected>> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            if n.children().any(|c| c.is_element()) {
                return None;
            }
            let text = n.text().unwrap_or("").to_owned();
            let size: f32 = n.attribute("font-size")?.parse().ok()?;
            let x: f32 = n.attribute("x")?.parse().ok()?;
            let width = text_width(&text, size);
            let left = match n.attribute("text-anchor") {
                Some("middle") => x - width / 2.0,
                Some("end") => x - width,
                _ => x,
            };
            Some(Expected { text, left, width })
        })
        .collect()
}

/// `[[x, width], …]` of every SVG `<text>` in the page Chromium laid out, once every font it
/// declares has loaded (`document.fonts.ready` alone can settle before a font is asked for).
fn measure_in_chromium(
    browser: &str,
    svg: &str,
    dir: &std::path::Path,
    name: &str,
) -> Vec<[f32; 2]> {
    let svg = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .unwrap_or(svg);
    let page = format!(
        "<!DOCTYPE html><html><body>{svg}<pre id=\"out\"></pre><script>\
         Promise.all([...document.fonts].map(f => f.load())).then(() => document.fonts.ready)\
         .then(() => new Promise(done => setTimeout(done, 50)))\
         .then(() => {{\
           const r = [...document.querySelectorAll('svg text')].map(t => {{\
             const b = t.getBBox(); return [b.x, b.width]; }});\
           document.getElementById('out').textContent = JSON.stringify(r); }});\
         </script></body></html>"
    );
    let path = dir.join(format!("{name}.html"));
    std::fs::write(&path, page).expect("page written");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("file://{}", path.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let json = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("{name}: no measurement in Chromium's page"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}: {json}"))
}

#[test]
fn every_template_svg_draws_its_labels_in_chromium_as_the_layout_measured_them() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no chromium installed (apt-get install chromium; CI installs it)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("archway-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut compared = 0;
    for t in archway::templates::ALL {
        let d = t.design().expect("template loads");
        let document = svg::document(&d, &Analysis::of(&d), &Options::default(), None);
        assert!(
            document.contains("@font-face"),
            "{}: no embedded font",
            t.name
        );
        let expected = expected_labels(&document);
        let compare = |measured: &[[f32; 2]]| -> Result<usize, String> {
            assert_eq!(measured.len(), expected.len(), "{}: text elements", t.name);
            let mut compared = 0;
            for (e, [x, w]) in expected.iter().zip(measured) {
                let Some(e) = e else { continue };
                if e.text.trim().is_empty() {
                    continue;
                }
                let tolerance = 1.0 + 0.02 * e.width;
                if (w - e.width).abs() > tolerance || (x - e.left).abs() > tolerance {
                    return Err(format!(
                        "{}: {:?} is {w:.1} wide at x {x:.1} in Chromium, the layout measured \
                         {:.1} at {:.1}",
                        t.name, e.text, e.width, e.left
                    ));
                }
                compared += 1;
            }
            Ok(compared)
        };
        // On a loaded machine Chromium once laid a line out in a fallback face although the
        // embedded one had loaded (a 10 % wider summary line, passing alone): a mismatch is
        // measured once more before it counts.
        let first = compare(&measure_in_chromium(browser, &document, &dir, t.name));
        let result = first.or_else(|first| {
            eprintln!("measuring again: {first}");
            compare(&measure_in_chromium(browser, &document, &dir, t.name))
        });
        compared += result.unwrap_or_else(|e| panic!("{e}"));
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(compared > 500, "only {compared} labels compared");
    eprintln!("{compared} labels match");
}
