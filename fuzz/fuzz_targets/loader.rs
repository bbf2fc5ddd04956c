//! Fuzz target: the design file loader. Any bytes either load or give positioned problems with
//! short, terminal-safe messages; a design that loads saves to text that loads again to the
//! same design, and saving is stable after one round (coordinates are saved rounded).
#![no_main]

// The model module compiled straight from the main crate (see Cargo.toml).
#[path = "../../src/model/mod.rs"]
#[allow(dead_code, unused_imports, clippy::all)]
mod model;

use libfuzzer_sys::fuzz_target;
use model::file;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match file::parse_with_warnings(text) {
        Ok(parsed) => {
            for w in &parsed.warnings {
                check_problem(w);
            }
            let saved = file::to_string(&parsed.design);
            let once = file::parse(&saved)
                .unwrap_or_else(|p| panic!("a saved design does not load: {p:?}\n{saved}"));
            let saved_again = file::to_string(&once);
            let twice = file::parse(&saved_again)
                .unwrap_or_else(|p| panic!("a re-saved design does not load: {p:?}"));
            assert_eq!(once, twice, "save → load is not stable");
            assert_eq!(saved, saved_again, "saving is not stable");
            // The derived index must build on anything that loads.
            let _ = model::index::Index::new(&once);
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "an error without a problem");
            for p in &problems {
                check_problem(p);
            }
        }
    }
});

fn check_problem(p: &file::Problem) {
    assert!(p.line >= 1 && p.col >= 1);
    assert!(
        p.message.chars().count() <= 1200,
        "a message of {} characters",
        p.message.chars().count()
    );
    assert!(
        !p.message.chars().any(|c| c.is_control()),
        "a control character in {:?}",
        p.message
    );
}
