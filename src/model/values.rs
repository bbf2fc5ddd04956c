//! The numbers and values a design may hold, checked when a file is loaded: every float finite,
//! coordinates and sizes within the canvas's range, percentages within 0–100, shares within 0–1,
//! ratios and figures not negative; and properties set on a kind they do not apply to (a
//! warning, see [`stray_properties`]). Each problem carries the file position of its field.

use super::catalog;
use super::design::Design;
use super::kinds::NodeKind;
use super::spots::{Problem, Spots};
use super::text::quoted;

/// Largest distance from the origin of a position or corner, in canvas units, on either axis.
/// Ten million units is thousands of times the largest generated design; beyond it a picture
/// would shrink every component to nothing and `f32` coordinates lose whole units.
pub const MAX_COORD: f32 = 1e7;
/// Smallest width or height of a container, in canvas units.
pub const MIN_SIZE: f32 = 1.0;
/// Largest width or height of a container, in canvas units.
pub const MAX_SIZE: f32 = 1e6;
/// Largest value of any figure (rates, durations, sizes, ratios, multipliers). A trillion keeps
/// products of a few figures far from floating-point overflow, so estimates stay finite.
pub const MAX_FIGURE: f64 = 1e12;

/// `v` within ±[`MAX_COORD`] (0 for NaN): where an editor puts anything it moves or places,
/// so the design it saves loads again.
pub fn clamp_coord(v: f32) -> f32 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-MAX_COORD, MAX_COORD)
    }
}

/// `v` within [`MIN_SIZE`]..=[`MAX_SIZE`] ([`MIN_SIZE`] for NaN): a container's width or height
/// as an editor sets it.
pub fn clamp_size(v: f32) -> f32 {
    if v.is_nan() {
        MIN_SIZE
    } else {
        v.clamp(MIN_SIZE, MAX_SIZE)
    }
}

/// What a float field may hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Range {
    /// 0 to [`MAX_FIGURE`]: rates, durations, sizes, counts written as decimals.
    Figure,
    /// Above 0, up to [`MAX_FIGURE`]: ratios and factors that divide or scale.
    Positive,
    /// 0 to 100.
    Percent,
    /// 0 to 1.
    Share,
}

impl Range {
    /// Whether `v` is allowed.
    pub fn allows(self, v: f64) -> bool {
        v.is_finite()
            && match self {
                Range::Figure => (0.0..=MAX_FIGURE).contains(&v),
                Range::Positive => v > 0.0 && v <= MAX_FIGURE,
                Range::Percent => (0.0..=100.0).contains(&v),
                Range::Share => (0.0..=1.0).contains(&v),
            }
    }

    /// The allowed values, for messages.
    pub fn describe(self) -> String {
        match self {
            Range::Figure => format!("a number from 0 to {}", big(MAX_FIGURE)),
            Range::Positive => format!("a number above 0, up to {}", big(MAX_FIGURE)),
            Range::Percent => "a percentage from 0 to 100".to_owned(),
            Range::Share => "a share from 0 to 1 (0.9 is 90 %)".to_owned(),
        }
    }
    /// The nearest allowed value to `v` (the lower end for NaN), for editors that keep what a
    /// user types within range.
    pub fn clamp(self, v: f64) -> f64 {
        let (low, high) = self.bounds();
        if v.is_nan() { low } else { v.clamp(low, high) }
    }

    /// The smallest and largest allowed values (for `Positive`, the smallest is a small step
    /// above 0).
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Range::Figure => (0.0, MAX_FIGURE),
            Range::Positive => (0.001, MAX_FIGURE),
            Range::Percent => (0.0, 100.0),
            Range::Share => (0.0, 1.0),
        }
    }
}

/// The range of a float field of the design, node properties, edge properties or workload, by
/// its name in the file (`availability_target_pct`, `capacity_qps`), or `None` for a field that
/// is not a float. Editors should keep values within it: a value outside is refused on load.
pub fn range_of(field: &str) -> Option<Range> {
    Some(match field {
        "availability_target_pct" | "error_threshold_pct" => Range::Percent,
        "cache_hit_ratio" => Range::Share,
        "peak_factor" | "read_heavy_ratio" => Range::Positive,
        "requests_per_user_per_day"
        | "read_write_ratio"
        | "read_qps"
        | "write_qps"
        | "peak_rps"
        | "request_kb"
        | "response_kb"
        | "latency_target_ms"
        | "max_file_size_mb"
        | "chunk_threshold_mb"
        | "jwt_max_access_min"
        | "sls_latency_budget_ms"
        | "sls_max_duration_s"
        | "premature_shard_write_qps"
        | "heavy_db_qps"
        | "steady_volume_rps"
        | "capacity_qps"
        | "throughput_per_instance"
        | "max_duration_s"
        | "heartbeat_s"
        | "ryw_window_s"
        | "volume_rps"
        | "refill_per_s"
        | "access_ttl_min"
        | "refresh_ttl_days"
        | "segment_s"
        | "max_payload_mb"
        | "polling_interval_s"
        | "idempotency_ttl_h"
        | "rate_rps"
        | "multiplier" => Range::Figure,
        _ => return None,
    })
}

fn big(v: f64) -> String {
    if v >= 1e12 {
        format!("{} trillion", v / 1e12)
    } else if v >= 1e6 {
        format!("{} million", v / 1e6)
    } else {
        format!("{v}")
    }
}

/// Every float of the design's workload and thresholds, by field name, with its range.
fn workload_floats(d: &Design) -> Vec<(&'static str, Option<f64>, Range)> {
    let w = &d.workload;
    let t = &w.thresholds;
    vec![
        (
            "availability_target_pct",
            w.availability_target_pct,
            Range::Percent,
        ),
        ("peak_factor", w.peak_factor, Range::Positive),
        (
            "requests_per_user_per_day",
            w.requests_per_user_per_day,
            Range::Figure,
        ),
        ("read_write_ratio", w.read_write_ratio, Range::Figure),
        ("read_qps", w.read_qps, Range::Figure),
        ("write_qps", w.write_qps, Range::Figure),
        ("peak_rps", w.peak_rps, Range::Figure),
        ("request_kb", w.request_kb, Range::Figure),
        ("response_kb", w.response_kb, Range::Figure),
        ("cache_hit_ratio", w.cache_hit_ratio, Range::Share),
        ("latency_target_ms", w.latency_target_ms, Range::Figure),
        ("max_file_size_mb", w.max_file_size_mb, Range::Figure),
        ("read_heavy_ratio", t.read_heavy_ratio, Range::Positive),
        ("chunk_threshold_mb", t.chunk_threshold_mb, Range::Figure),
        ("jwt_max_access_min", t.jwt_max_access_min, Range::Figure),
        (
            "sls_latency_budget_ms",
            t.sls_latency_budget_ms,
            Range::Figure,
        ),
        ("sls_max_duration_s", t.sls_max_duration_s, Range::Figure),
        (
            "premature_shard_write_qps",
            t.premature_shard_write_qps,
            Range::Figure,
        ),
        ("heavy_db_qps", t.heavy_db_qps, Range::Figure),
        ("steady_volume_rps", t.steady_volume_rps, Range::Figure),
    ]
}

/// Every float property of a node, by field name, with its range.
fn node_floats(p: &super::props::NodeProps) -> [(&'static str, Option<f64>, Range); 10] {
    [
        ("capacity_qps", p.capacity_qps, Range::Figure),
        (
            "throughput_per_instance",
            p.throughput_per_instance,
            Range::Figure,
        ),
        ("max_duration_s", p.max_duration_s, Range::Figure),
        ("heartbeat_s", p.heartbeat_s, Range::Figure),
        ("ryw_window_s", p.ryw_window_s, Range::Figure),
        ("volume_rps", p.volume_rps, Range::Figure),
        (
            "refill_per_s",
            p.rate_limit.as_ref().and_then(|r| r.refill_per_s),
            Range::Figure,
        ),
        (
            "access_ttl_min",
            p.jwt.as_ref().and_then(|j| j.access_ttl_min),
            Range::Figure,
        ),
        (
            "refresh_ttl_days",
            p.jwt.as_ref().and_then(|j| j.refresh_ttl_days),
            Range::Figure,
        ),
        (
            "segment_s",
            p.video_ladder.as_ref().and_then(|v| v.segment_s),
            Range::Figure,
        ),
    ]
}

/// Every float property of an edge, by field name, with its range.
fn edge_floats(p: &super::props::EdgeProps) -> [(&'static str, Option<f64>, Range); 6] {
    [
        ("max_payload_mb", p.max_payload_mb, Range::Figure),
        ("polling_interval_s", p.polling_interval_s, Range::Figure),
        ("idempotency_ttl_h", p.idempotency_ttl_h, Range::Figure),
        ("rate_rps", p.rate_rps, Range::Figure),
        ("multiplier", p.multiplier, Range::Figure),
        (
            "error_threshold_pct",
            p.circuit_breaker
                .as_ref()
                .and_then(|c| c.error_threshold_pct),
            Range::Percent,
        ),
    ]
}

/// Problems with the numbers of a design: literals that are not finite (`NaN`, `inf`, `1e400`),
/// positions and sizes outside the canvas's range, and figures outside their range.
pub(crate) fn check_numbers(design: &Design, at: &Spots<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for &(offset, literal) in &at.survey().non_finite {
        let (line, col) = at.line_col(offset);
        problems.push(Problem::at(
            line,
            col,
            format!(
                "`{}` is not a finite number; every number in a design must be an ordinary \
                 value such as 120 or 0.5",
                quoted(literal)
            ),
        ));
    }
    // A non-finite value was reported above at its literal; it is not reported again through
    // its field (a finite value out of range always is).
    let reported_non_finite = !problems.is_empty();
    let unreported = |v: f64| !reported_non_finite || v.is_finite();
    let coord_ok = |v: f32| v.is_finite() && v.abs() <= MAX_COORD;
    let size_ok = |v: f32| v.is_finite() && (MIN_SIZE..=MAX_SIZE).contains(&v);
    for n in &design.nodes {
        if !(coord_ok(n.pos.x) && coord_ok(n.pos.y))
            && unreported(f64::from(n.pos.x))
            && unreported(f64::from(n.pos.y))
        {
            bad(
                &mut problems,
                at.field_after(n.id.as_str(), "pos", ""),
                format!(
                    "node `{}` is placed at ({}, {}), outside the canvas; positions run from \
                     -{MAX_COORD:.0} to {MAX_COORD:.0}",
                    quoted(n.id.as_str()),
                    show(f64::from(n.pos.x)),
                    show(f64::from(n.pos.y))
                ),
            );
        }
        for (field, value, range) in node_floats(&n.props) {
            if let Some(v) = value
                && !range.allows(v)
                && unreported(v)
            {
                bad(
                    &mut problems,
                    at.field_after(n.id.as_str(), field, ""),
                    format!(
                        "`{field}` of node `{}` is {}; it must be {}",
                        quoted(n.id.as_str()),
                        show(v),
                        range.describe()
                    ),
                );
            }
        }
    }
    for c in &design.containers {
        let r = c.rect;
        if ![r.x, r.y, r.w, r.h]
            .iter()
            .all(|&v| unreported(f64::from(v)))
        {
            continue;
        }
        if !(coord_ok(r.x) && coord_ok(r.y)) {
            bad(
                &mut problems,
                at.field_after(c.id.as_str(), "rect", ""),
                format!(
                    "container `{}` starts at ({}, {}), outside the canvas; positions run from \
                     -{MAX_COORD:.0} to {MAX_COORD:.0}",
                    quoted(c.id.as_str()),
                    show(f64::from(r.x)),
                    show(f64::from(r.y))
                ),
            );
        } else if !(size_ok(r.w) && size_ok(r.h)) {
            bad(
                &mut problems,
                at.field_after(c.id.as_str(), "rect", ""),
                format!(
                    "container `{}` is {} × {} units; width and height run from {MIN_SIZE:.0} \
                     to {MAX_SIZE:.0}",
                    quoted(c.id.as_str()),
                    show(f64::from(r.w)),
                    show(f64::from(r.h))
                ),
            );
        }
    }
    for e in &design.edges {
        for (field, value, range) in edge_floats(&e.props) {
            if let Some(v) = value
                && !range.allows(v)
                && unreported(v)
            {
                bad(
                    &mut problems,
                    at.field_after(e.id.as_str(), field, ""),
                    format!(
                        "`{field}` of edge `{}` is {}; it must be {}",
                        quoted(e.id.as_str()),
                        show(v),
                        range.describe()
                    ),
                );
            }
        }
    }
    for (field, value, range) in workload_floats(design) {
        if let Some(v) = value
            && !range.allows(v)
            && unreported(v)
        {
            bad(
                &mut problems,
                at.top_field(field),
                format!(
                    "workload `{field}` is {}; it must be {}",
                    show(v),
                    range.describe()
                ),
            );
        }
    }
    problems
}

fn bad(problems: &mut Vec<Problem>, (line, col): (usize, usize), message: String) {
    problems.push(Problem::at(line, col, message));
}

/// A number as a message shows it: whole numbers without decimals, others as written by Rust
/// (`1e300` stays short).
fn show(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// Properties set on a node whose kind they do not apply to (`instances` on a KMS), as
/// warnings naming the kinds the property applies to.
///
/// A warning and not an error: the editor keeps such properties when a node's kind is changed
/// (the inspector lists them under "Set but not used for this kind" so they can be cleared),
/// so files saved by Archway itself may hold them. Refusing those files would lock users out
/// of their own work; every rule ignores the stray values, so loading them is harmless.
pub(crate) fn stray_properties(design: &Design, at: &Spots<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for n in &design.nodes {
        if n.props.is_empty() {
            continue;
        }
        for field in set_fields(&n.props) {
            if catalog::prop_applies(field, n.kind) {
                continue;
            }
            let kinds: Vec<&str> = NodeKind::ALL
                .iter()
                .filter(|k| catalog::prop_applies(field, **k))
                .map(|k| k.key())
                .collect();
            let (line, col) = at.field_after(n.id.as_str(), field, "");
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "property `{field}` does not apply to node `{}` of kind {} and is ignored; \
                     it applies to {}",
                    quoted(n.id.as_str()),
                    n.kind.key(),
                    kinds.join(", ")
                ),
            ));
        }
    }
    problems
}

/// Names of the fields a value serialises (for a property struct: the properties that are set,
/// since unset ones are skipped), in declaration order. Values are not serialised.
pub fn set_fields<T: serde::Serialize>(value: &T) -> Vec<&'static str> {
    let mut names = Vec::new();
    let _ = value.serialize(field_names::FieldNames(&mut names));
    names
}

/// A serde serializer that records the field names of one struct and nothing else.
mod field_names {
    use serde::ser::{self, Impossible, Serialize, SerializeStruct};
    use std::fmt;

    pub struct FieldNames<'a>(pub &'a mut Vec<&'static str>);

    #[derive(Debug)]
    pub struct NotAStruct;

    impl fmt::Display for NotAStruct {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("not a struct")
        }
    }

    impl std::error::Error for NotAStruct {}

    impl ser::Error for NotAStruct {
        fn custom<T: fmt::Display>(_: T) -> Self {
            NotAStruct
        }
    }

    macro_rules! refuse {
        ($($name:ident($($arg:ty),*);)*) => {
            $(fn $name(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> { Err(NotAStruct) })*
        };
    }

    impl<'a> ser::Serializer for FieldNames<'a> {
        type Ok = ();
        type Error = NotAStruct;
        type SerializeSeq = Impossible<(), NotAStruct>;
        type SerializeTuple = Impossible<(), NotAStruct>;
        type SerializeTupleStruct = Impossible<(), NotAStruct>;
        type SerializeTupleVariant = Impossible<(), NotAStruct>;
        type SerializeMap = Impossible<(), NotAStruct>;
        type SerializeStruct = Self;
        type SerializeStructVariant = Impossible<(), NotAStruct>;

        refuse! {
            serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
            serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
            serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
            serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
            serialize_unit_struct(&'static str);
            serialize_unit_variant(&'static str, u32, &'static str);
        }

        fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<(), NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, NotAStruct> {
            Ok(self)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, NotAStruct> {
            Err(NotAStruct)
        }
    }

    impl SerializeStruct for FieldNames<'_> {
        type Ok = ();
        type Error = NotAStruct;

        fn serialize_field<T: ?Sized + Serialize>(
            &mut self,
            key: &'static str,
            _: &T,
        ) -> Result<(), NotAStruct> {
            self.0.push(key);
            Ok(())
        }

        fn end(self) -> Result<(), NotAStruct> {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::props::NodeProps;

    #[test]
    fn set_fields_lists_only_what_is_set() {
        let p = NodeProps {
            instances: Some(3),
            tech: Some("Redis".into()),
            ..NodeProps::default()
        };
        assert_eq!(set_fields(&p), vec!["tech", "instances"]);
        assert!(set_fields(&NodeProps::default()).is_empty());
    }

    #[test]
    fn every_checked_float_has_its_range_by_name() {
        let d = Design::default();
        let p = crate::model::props::NodeProps::default();
        let e = crate::model::props::EdgeProps::default();
        let fields = workload_floats(&d)
            .into_iter()
            .chain(node_floats(&p))
            .chain(edge_floats(&e));
        for (name, _, range) in fields {
            assert_eq!(range_of(name), Some(range), "{name}");
        }
        assert_eq!(range_of("instances"), None);
        assert_eq!(Range::Percent.clamp(200.0), 100.0);
        assert_eq!(Range::Figure.clamp(f64::NAN), 0.0);
        assert!(Range::Positive.allows(Range::Positive.clamp(-1.0)));
    }

    #[test]
    fn ranges() {
        assert!(Range::Percent.allows(99.9));
        assert!(!Range::Percent.allows(200.0));
        assert!(!Range::Figure.allows(f64::NAN));
        assert!(!Range::Figure.allows(-1.0));
        assert!(!Range::Positive.allows(0.0));
        assert!(Range::Share.allows(1.0));
    }
}
