//! The property tables: every serialized field has exactly one description, each description
//! reaches its own field and no other, the kinds agree with the catalog, and "is set" tells
//! overlapping names (`nodes` / `voting_nodes`, a group's `doc_count`) apart.

use archway::model::catalog;
use archway::model::ids::NodeId;
use archway::model::kinds::KindSet;
use archway::model::props::*;
use archway::model::{NodeKind, NodeProps};
use serde::de::{self, DeserializeOwned, Visitor};
use std::collections::BTreeMap;

/// A deserializer that answers a struct request with the struct's field names (as serde's
/// derive lists them), through the error.
struct FieldNames;

impl<'de> de::Deserializer<'de> for FieldNames {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom(fields.join(",")))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The field names serde reads and writes for `T`, in order.
fn serde_fields<T: DeserializeOwned>() -> Vec<String> {
    let Err(e) = T::deserialize(FieldNames) else {
        panic!("FieldNames never yields a value")
    };
    e.to_string().split(',').map(str::to_owned).collect()
}

/// Checks that `S`'s table names exactly serde's fields, once each and in file order.
fn one_description_per_field<S: PropStruct + DeserializeOwned>(struct_name: &str) {
    let table: Vec<&str> = S::PROPS.iter().map(|p| p.name).collect();
    assert_eq!(
        table,
        serde_fields::<S>(),
        "{struct_name}: table and serialized fields differ"
    );
    for (i, p) in S::PROPS.iter().enumerate() {
        assert_eq!(S::index_of(p.name), Some(i), "{struct_name}.{}", p.name);
        assert!(!p.label.is_empty(), "{struct_name}.{} has no label", p.name);
    }
    assert_eq!(S::index_of("no_such_property"), None);
}

#[test]
fn every_serialized_field_has_exactly_one_description() {
    one_description_per_field::<NodeProps>("NodeProps");
    one_description_per_field::<EdgeProps>("EdgeProps");
    one_description_per_field::<HealthCheck>("HealthCheck");
    one_description_per_field::<RateLimit>("RateLimit");
    one_description_per_field::<Jwt>("Jwt");
    one_description_per_field::<Fanout>("Fanout");
    one_description_per_field::<Sharding>("Sharding");
    one_description_per_field::<FullTextSearch>("FullTextSearch");
    one_description_per_field::<VideoLadder>("VideoLadder");
    one_description_per_field::<Retry>("Retry");
    one_description_per_field::<CircuitBreaker>("CircuitBreaker");
    assert_eq!(NodeProps::FIELDS.len(), NodeProps::PROPS.len());
}

/// Gives every value it is handed a sample value (a group gets its first field set).
struct Fill;

impl PropVisitor for Fill {
    fn text(&mut self, _: &'static str, v: &mut Option<String>) -> bool {
        *v = Some("x".into());
        true
    }
    fn flag(&mut self, _: &'static str, v: &mut Option<bool>) -> bool {
        *v = Some(false);
        true
    }
    fn number(&mut self, _: &'static str, _: &'static str, v: NumberMut<'_>) -> bool {
        match v {
            NumberMut::U16(v) => *v = Some(7),
            NumberMut::U32(v) => *v = Some(7),
            NumberMut::U64(v) => *v = Some(7),
            NumberMut::F64(v) => *v = Some(7.5),
        }
        true
    }
    fn choice<E: PropEnum>(&mut self, _: &'static str, v: &mut Option<E>) -> bool {
        *v = Some(E::VALUES[0]);
        true
    }
    fn choice_set<E: PropEnum>(&mut self, _: &'static str, v: &mut Option<Vec<E>>) -> bool {
        *v = Some(vec![E::VALUES[0]]);
        true
    }
    fn choice_list<E: PropEnum>(&mut self, _: &'static str, v: &mut Vec<E>) -> bool {
        v.push(E::VALUES[0]);
        true
    }
    fn words(&mut self, _: &'static str, v: &mut Vec<String>) -> bool {
        v.push("x".into());
        true
    }
    fn pairs(&mut self, _: &'static str, v: &mut BTreeMap<String, String>) -> bool {
        v.insert("k".into(), "v".into());
        true
    }
    fn role(&mut self, _: &'static str, v: &mut Option<Role>) -> bool {
        *v = Some(Role::Cache);
        true
    }
    fn dead_letter(&mut self, _: &'static str, v: &mut Option<Dlq>) -> bool {
        *v = Some(Dlq::Enabled(true));
        true
    }
    fn node(&mut self, _: &'static str, v: &mut Option<NodeId>) -> bool {
        *v = Some(NodeId::new("n"));
        true
    }
    fn nodes(&mut self, _: &'static str, v: &mut Option<Vec<NodeId>>) -> bool {
        *v = Some(vec![NodeId::new("n")]);
        true
    }
    fn group<G: PropGroup>(&mut self, _: &'static str, v: &mut Option<Box<G>>) -> bool {
        let mut g = G::default();
        g.visit(G::PROPS[0].name, self);
        *v = Some(Box::new(g));
        true
    }
}

/// Sets each property of `S` alone through its description and checks that exactly that
/// property is set, that the file names it (first, as the only key), and that clearing it
/// leaves nothing set.
fn access_reaches_its_own_field<S>()
where
    S: PropStruct + Default + PartialEq + std::fmt::Debug + serde::Serialize + DeserializeOwned,
{
    for p in S::PROPS {
        let mut s = S::default();
        assert!(!(p.is_set)(&s), "{} set on an empty struct", p.name);
        assert!(
            s.visit(p.name, &mut Fill),
            "{}: visit did not reach it",
            p.name
        );
        for q in S::PROPS {
            assert_eq!(
                (q.is_set)(&s),
                q.name == p.name,
                "set {}, is {} set?",
                p.name,
                q.name
            );
        }
        let text = ron::to_string(&s).expect("serializes");
        assert!(
            text.starts_with(&format!("({}:", p.name)),
            "{}: file text {text}",
            p.name
        );
        let back: S = ron::from_str(&text).expect("reads back");
        assert_eq!(back, s, "{}: round trip", p.name);
        (p.clear)(&mut s);
        assert_eq!(s, S::default(), "{}: clear left something set", p.name);
    }
    assert!(!S::default().visit("no_such_property", &mut Fill));
}

#[test]
fn each_description_reaches_its_own_field_and_no_other() {
    access_reaches_its_own_field::<NodeProps>();
    access_reaches_its_own_field::<EdgeProps>();
    access_reaches_its_own_field::<RateLimit>();
    access_reaches_its_own_field::<Jwt>();
    access_reaches_its_own_field::<Sharding>();
}

#[test]
fn is_set_tells_overlapping_names_apart() {
    let p = NodeProps {
        voting_nodes: Some(3),
        virtual_nodes: Some(true),
        default_ttl_s: Some(60),
        presign_ttl_s: Some(900),
        full_text_search: Some(Box::new(FullTextSearch {
            doc_count: Some(5),
            ..Default::default()
        })),
        rate_limit: Some(Box::new(RateLimit {
            algorithm: Some(RateLimitAlgorithm::TokenBucket),
            capacity: Some(10),
            ..Default::default()
        })),
        ..Default::default()
    };
    let is_set = |name: &str| (NodeProps::prop(name).expect(name).is_set)(&p);
    for name in ["nodes", "ttl_s", "doc_count", "algorithm", "capacity_qps"] {
        assert!(!is_set(name), "{name} reported set");
    }
    for name in [
        "voting_nodes",
        "virtual_nodes",
        "default_ttl_s",
        "presign_ttl_s",
        "full_text_search",
        "rate_limit",
    ] {
        assert!(is_set(name), "{name} reported unset");
    }
    // The old test — the RON text contains `nodes:`, `ttl_s:`, `doc_count:` and `algorithm:` —
    // would have called all four set.
    let text = ron::to_string(&p).expect("serializes");
    assert!(
        ["nodes:", "ttl_s:", "doc_count:", "algorithm:"]
            .iter()
            .all(|k| text.contains(k))
    );
}

#[test]
fn kinds_agree_with_the_catalog() {
    for p in NodeProps::PROPS {
        assert!(!p.kinds.is_empty(), "{} applies to no kind", p.name);
        for kind in NodeKind::ALL {
            assert_eq!(catalog::prop_applies(p.name, kind), p.applies(kind));
        }
    }
    for kind in NodeKind::ALL {
        let names: Vec<&str> = NodeProps::PROPS
            .iter()
            .filter(|p| p.applies(kind))
            .map(|p| p.name)
            .collect();
        assert_eq!(catalog::applicable_props(kind), names, "{kind:?}");
        // The role row shows exactly where there are roles to choose from.
        assert_eq!(
            catalog::prop_applies("role", kind),
            !Role::choices(kind).is_empty(),
            "role on {kind:?}"
        );
        // The named kind sets are the kind predicates.
        assert_eq!(KindSet::COMPUTE.contains(kind), kind.is_compute());
        assert_eq!(KindSet::STORE.contains(kind), kind.is_store());
        assert_eq!(KindSet::DATABASE.contains(kind), kind.is_database());
        assert_eq!(KindSet::MESSAGING.contains(kind), kind.is_messaging());
        assert!(catalog::prop_applies("tech", kind));
    }
    assert!(!catalog::prop_applies("no_such_property", NodeKind::Cache));
    assert!(!catalog::prop_applies("voting_nodes", NodeKind::Client));
    // Edge properties and a group's fields apply everywhere (their owner decides).
    assert!(EdgeProps::PROPS.iter().all(|p| p.kinds == KindSet::ALL));
    assert!(RateLimit::PROPS.iter().all(|p| p.kinds == KindSet::ALL));
}

#[test]
fn editor_unit_and_scope_come_from_the_entry() {
    let node = |name: &str| NodeProps::prop(name).expect(name);
    assert_eq!(
        node("nodes").editor,
        Editor::Integer {
            min: 0.0,
            max: f64::from(u32::MAX)
        }
    );
    assert_eq!(
        node("redirect_status").editor,
        Editor::Integer {
            min: 0.0,
            max: 65535.0
        }
    );
    assert_eq!(node("capacity_qps").editor, Editor::Decimal);
    assert_eq!(node("capacity_qps").unit, "req/s");
    assert_eq!(node("capacity_qps").label, "Capacity");
    assert_eq!(node("layer").editor, Editor::Choice(&["L4", "L7"]));
    assert_eq!(node("caches").editor, Editor::ChoiceSet(CdnContent::KEYS));
    assert_eq!(node("managed").editor, Editor::Flag);
    assert_eq!(node("tech").editor, Editor::Text);
    assert_eq!(node("rate_limit").editor, Editor::Group);
    assert_eq!(node("backs").editor, Editor::Nodes);
    assert_eq!(node("shard_of").editor, Editor::Node);
    assert_eq!(node("role").editor, Editor::Role);
    assert_eq!(node("dlq").editor, Editor::DeadLetter);
    assert_eq!(
        RateLimit::prop("routes").map(|p| p.editor),
        Some(Editor::Pairs)
    );
    assert_eq!(Jwt::prop("claims").map(|p| p.editor), Some(Editor::Words));
    assert_eq!(node("instances").scope, Scope::Shape);
    assert_eq!(node("password_hashing").scope, Scope::Detail);
    assert_eq!(
        EdgeProps::prop("timeout_ms").map(|p| p.scope),
        Some(Scope::Detail)
    );
    assert_eq!(EdgeProps::prop("timeout_ms").map(|p| p.unit), Some("ms"));
}
