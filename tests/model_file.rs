//! File format: round trips, stable output, and a clear positioned error for each bad input.

use archway::model::{Design, file, synthetic};

#[test]
fn synthetic_round_trip() {
    let d = synthetic::design(20);
    let text = file::to_string(&d);
    let back: Design = file::parse(&text).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
    assert_eq!(back, d);
    assert_eq!(file::to_string(&back), text);
}
