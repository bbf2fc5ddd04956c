//! `archway export FILE -o OUT [--theme …] [--scale N] [--no-findings] [--mermaid] [--only ID,…]`:
//! a design written in the format named by the output's extension (a Markdown report with its
//! picture beside it, `[--force]` to replace a picture Archway did not write), or `--only` a
//! part of it. `--fail ID[,ID…]` draws the failure picture of a what-if; `--against OLD` adds the design diff against another
//! version to a report and draws it on the pictures.

use super::console;
use crate::export::{Extras, Format, Guard, Options, Theme, png, svg};
use crate::model::file;
use crate::model::text::terminal_safe;
use crate::review::source::Side;
use crate::review::whatif::WhatIf;
use crate::review::{diff, overlay, render};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `archway export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Design file.
    pub file: PathBuf,
    /// Output file; its extension picks the format. A `.md` review report also writes its
    /// picture next to it, with the same name ending in `.svg` (`plan.md` → `plan.svg`), and
    /// links it; an existing file there is replaced only when Archway wrote it (or with
    /// `--force`). Every file written is listed on stderr.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// Pixels per canvas unit of PNG output [default: 2, reduced for large designs to at most
    /// 8,192 pixels a side and 16 megapixels; an explicit scale is kept up to 40 megapixels].
    #[arg(long)]
    pub scale: Option<f32>,
    /// Leave finding badges out of the diagram.
    #[arg(long)]
    pub no_findings: bool,
    /// With a `.md` output: write a fenced Mermaid block instead of a review report.
    #[arg(long)]
    pub mermaid: bool,
    /// Draw only these components, containers and connections: the chosen components, the
    /// members of chosen containers and both ends of chosen connections, the containers they sit
    /// in and the connections between them, with the findings the whole design's review gives
    /// them (what the editor's "Selection only" exports). For .svg, .png, .pdf, .mmd, .drawio
    /// and .excalidraw.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "ID[,ID…]",
        conflicts_with_all = ["fail", "against"]
    )]
    pub only: Vec<String>,
    /// With a `.md` review report: replace the sibling picture (`OUT` with `.svg`) even when
    /// Archway did not write the file there.
    #[arg(long)]
    pub force: bool,
    /// Draw what happens when these fail together (component, container or connection ids,
    /// as `archway whatif --fail`): failed ones crossed out, components that lose service and
    /// broken flows red, degraded ones amber, and a legend naming the failed ids and the
    /// broken flows with their reasons. For SVG, PNG, PDF and the reports' diagram.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "ID[,ID…]",
        conflicts_with = "against"
    )]
    pub fail: Vec<String>,
    /// Compare with another version of the design (a file, or `REV:PATH` from git as in
    /// `archway diff`): a Markdown or HTML report gets the design diff (changes, findings
    /// fixed, introduced and still open, capacity and cost), and the diagram marks added
    /// components green, changed ones amber and removed ones as red ghosts.
    #[arg(long, value_name = "OLD")]
    pub against: Option<String>,
}

/// Exports a design file. Exit status 0 on success, 2 when the file cannot be loaded or the
/// output cannot be written.
pub fn run(args: &ExportArgs) -> ExitCode {
    if let Some(scale) = args.scale.filter(|s| !(s.is_finite() && *s > 0.0)) {
        return console::fail(format!("--scale must be a positive number, not {scale}"));
    }
    // Checked before loading too, so a refused output costs no parse.
    if let Err(e) = file::refuse_overwriting_input(&args.file, &args.output) {
        return console::fail(e);
    }
    let Some(design) = console::load(&args.file).map(|l| l.design) else {
        return ExitCode::from(2);
    };
    let options = Options {
        theme: args.theme,
        scale: args.scale,
        findings: !args.no_findings,
        mermaid_markdown: args.mermaid,
        only: (!args.only.is_empty()).then(|| args.only.clone()),
    };
    let format = Format::from_path(&args.output, &options).ok();
    if options.only.is_some() && format.is_some_and(|f| !f.draws_a_part()) {
        return console::fail(
            "--only applies to .svg, .png, .pdf, .mmd, .drawio and .excalidraw exports (a review \
             report covers the whole design)",
        );
    }
    let reviewing = !args.fail.is_empty() || args.against.is_some();
    if reviewing
        && matches!(
            format,
            Some(Format::Mermaid | Format::MermaidMarkdown | Format::Drawio)
        )
    {
        return console::fail(
            "--fail and --against apply to .svg, .png, .pdf, .md and .html exports",
        );
    }
    let mut review = Review::default();
    if !args.fail.is_empty() {
        let w = WhatIf::new(&design);
        let ids: Vec<&str> = args.fail.iter().map(String::as_str).collect();
        let targets = match w.targets(&ids) {
            Ok(t) => t,
            Err(e) => {
                return console::fail(format!(
                    "--fail: no component, container or connection has the id `{}`",
                    terminal_safe(&e.0)
                ));
            }
        };
        let out = w.fail(&targets);
        review.overlay = Some(overlay::failure(&w, &targets, &out));
    }
    if let Some(against) = &args.against {
        let side = Side::parse(against);
        let Some(old) = super::diff::load(&side) else {
            return ExitCode::from(2);
        };
        let d = diff::diff(&old, &design, None);
        let (old_label, new_label) = (
            side.label(),
            terminal_safe(&args.file.display().to_string()).into_owned(),
        );
        review.overlay = Some(overlay::diff(&old, &design, &d));
        review.markdown = Some(render::markdown(&d, &old_label, &new_label));
        review.html = Some(render::html(&d, &old_label, &new_label));
    }
    let extras = Extras {
        overlay: review.overlay.as_ref(),
        markdown_section: review.markdown.as_deref(),
        html_section: review.html.as_deref(),
    };
    if format == Some(Format::Png) {
        let analysis = crate::critique::Analysis::of(&design);
        let vb = svg::page_box(&design, &analysis, &options, extras.overlay);
        if let Some(note) = png::scale_note(vb.w, vb.h, args.scale) {
            eprintln!("archway: note: {note}");
        }
    }
    let guard = Guard {
        input: Some(&args.file),
        force: args.force,
    };
    match crate::export::write_with(&design, &args.output, &options, &guard, &extras) {
        Ok(files) => {
            for f in files {
                eprintln!("archway: wrote {}", file::shown_file_name(Some(&f)));
            }
            ExitCode::SUCCESS
        }
        Err(e) => console::fail(e),
    }
}

/// What `--fail` or `--against` adds to the export.
#[derive(Default)]
struct Review {
    overlay: Option<crate::geometry::Overlay>,
    markdown: Option<String>,
    html: Option<String>,
}
