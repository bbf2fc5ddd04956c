//! The description of each property — file name, label, unit, editor, scope and the node kinds
//! it applies to — and typed access to its value by name. The property tables in the parent
//! module are written with `props_struct!` and `prop_group!`, which generate the struct
//! fields and this description from one entry per property.

use super::role::{Dlq, Role};
use crate::model::ids::NodeId;
use crate::model::kinds::KindSet;
use std::collections::BTreeMap;

/// Whether a property sets the shape of a design (what is there, how many, where, what it is
/// for) or a detail decided later (timeouts, tokens, hashing, TTLs). A `sketch` review runs
/// only the rules about shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Missing cache, single point of failure, database in a public subnet…
    Shape,
    /// Timeouts, retry policies, TLS on internal edges, token lifetimes…
    Detail,
}

/// How a property is edited, as the inspector shows it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Editor {
    /// Free text; empty means unset.
    Text,
    /// Unset, yes or no (unset differs from no).
    Flag,
    /// A whole number from `min` to `max` (the range of the stored type).
    Integer { min: f64, max: f64 },
    /// A decimal number.
    Decimal,
    /// One value of a list (the keys written in files).
    Choice(&'static [&'static str]),
    /// Any subset of a list, kept in list order.
    ChoiceSet(&'static [&'static str]),
    /// A list of words, written comma-separated.
    Words,
    /// `key = value` pairs.
    Pairs,
    /// The node's role, among the roles that fit its kind.
    Role,
    /// A queue's dead-letter setting: on, off, or the dead-letter queue's node.
    DeadLetter,
    /// Another node of the design.
    Node,
    /// Several nodes of the design.
    Nodes,
    /// A group of nested properties, edited in a collapsible section.
    Group,
}

/// One property of the property struct `S` ([`NodeProps`](super::NodeProps),
/// [`EdgeProps`](super::EdgeProps) or a group such as [`RateLimit`](super::RateLimit)).
pub struct Prop<S: 'static> {
    /// Name in design files (`voting_nodes`).
    pub name: &'static str,
    /// Row label in the inspector (`Voting nodes`).
    pub label: &'static str,
    /// Unit shown after numbers (`s`, `req/s`), or empty.
    pub unit: &'static str,
    pub editor: Editor,
    /// Shape or detail. A group's own fields are marked [`Scope::Detail`]; the group's entry
    /// decides.
    pub scope: Scope,
    /// Node kinds the property applies to. Edge properties and a group's fields apply to every
    /// kind.
    pub kinds: KindSet,
    /// Whether the property is set in `S`.
    pub is_set: fn(&S) -> bool,
    /// Unsets the property.
    pub clear: fn(&mut S),
    /// Whether two property structs hold the same value of this property.
    pub same: fn(&S, &S) -> bool,
    /// Copies this property's value from the first struct into the second.
    pub copy: fn(&S, &mut S),
}

impl<S> Prop<S> {
    /// Whether the property applies to a node of `kind`.
    pub fn applies(&self, kind: crate::model::NodeKind) -> bool {
        self.kinds.contains(kind)
    }
}

impl<S> std::fmt::Debug for Prop<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prop")
            .field("name", &self.name)
            .field("label", &self.label)
            .field("unit", &self.unit)
            .field("editor", &self.editor)
            .field("scope", &self.scope)
            .field("kinds", &self.kinds)
            .finish_non_exhaustive()
    }
}

/// A struct of properties described by a table of [`Prop`]s.
pub trait PropStruct: Sized + 'static {
    /// Every property, in file order.
    const PROPS: &'static [Prop<Self>];

    /// Position of property `name` in [`Self::PROPS`].
    fn index_of(name: &str) -> Option<usize>;

    /// Hands property `name`'s value to `v` by its type (see [`PropVisitor`]); returns what `v`
    /// returned (for the inspector: whether the value changed). False for an unknown name.
    fn visit<V: PropVisitor>(&mut self, name: &str, v: &mut V) -> bool;

    /// The description of property `name`.
    fn prop(name: &str) -> Option<&'static Prop<Self>> {
        Self::index_of(name).map(|i| &Self::PROPS[i])
    }
}

/// A mutable number property of any stored width.
#[derive(Debug)]
pub enum NumberMut<'a> {
    U16(&'a mut Option<u16>),
    U32(&'a mut Option<u32>),
    U64(&'a mut Option<u64>),
    F64(&'a mut Option<f64>),
}

/// An enum whose values are written in files as fixed keys (declared with `prop_enum!`).
pub trait PropEnum: Copy + PartialEq + std::fmt::Display + 'static {
    /// Every value, in declaration order.
    const VALUES: &'static [Self];
    /// The file key of every value, in the same order.
    const KEYS: &'static [&'static str];
}

/// Receives a property's value by the kind of value it is; the inspector implements it with
/// one widget per method. Every method gets the property's label and returns whether it
/// changed the value.
pub trait PropVisitor {
    /// Free text.
    fn text(&mut self, label: &'static str, v: &mut Option<String>) -> bool;
    /// Yes or no.
    fn flag(&mut self, label: &'static str, v: &mut Option<bool>) -> bool;
    /// A number with a unit (possibly empty).
    fn number(&mut self, label: &'static str, unit: &'static str, v: NumberMut<'_>) -> bool;
    /// One value of an enum.
    fn choice<E: PropEnum>(&mut self, label: &'static str, v: &mut Option<E>) -> bool;
    /// A set of enum values; unset when empty.
    fn choice_set<E: PropEnum>(&mut self, label: &'static str, v: &mut Option<Vec<E>>) -> bool;
    /// A list of enum values inside a group (empty is unset).
    fn choice_list<E: PropEnum>(&mut self, label: &'static str, v: &mut Vec<E>) -> bool;
    /// A list of words inside a group.
    fn words(&mut self, label: &'static str, v: &mut Vec<String>) -> bool;
    /// `key = value` pairs inside a group.
    fn pairs(&mut self, label: &'static str, v: &mut BTreeMap<String, String>) -> bool;
    /// The node's role.
    fn role(&mut self, label: &'static str, v: &mut Option<Role>) -> bool;
    /// A queue's dead-letter setting.
    fn dead_letter(&mut self, label: &'static str, v: &mut Option<Dlq>) -> bool;
    /// A reference to another node.
    fn node(&mut self, label: &'static str, v: &mut Option<NodeId>) -> bool;
    /// References to other nodes.
    fn nodes(&mut self, label: &'static str, v: &mut Option<Vec<NodeId>>) -> bool;
    /// A group of nested properties; unset when every nested property is.
    fn group<G: PropGroup>(&mut self, label: &'static str, v: &mut Option<Box<G>>) -> bool;
}

/// A group of nested properties (`rate_limit`, `retry`…).
pub trait PropGroup: PropStruct + Clone + Default + PartialEq {}

impl<G: PropStruct + Clone + Default + PartialEq> PropGroup for G {}

/// A type a property can have: how it is edited and when it counts as unset (unset values are
/// left out of design files).
pub trait PropValue {
    /// The editor for values of this type.
    const EDITOR: Editor;
    /// Whether the value is unset (`None`, or an empty list inside a group).
    fn is_unset(&self) -> bool;
    /// Hands the value to the visitor method for its type.
    fn accept<V: PropVisitor>(
        &mut self,
        label: &'static str,
        unit: &'static str,
        v: &mut V,
    ) -> bool;
}

/// `PropValue` for an `Option` of a type with one visitor method.
macro_rules! prop_value {
    ($ty:ty, $editor:expr, |$label:ident, $unit:ident, $val:ident, $v:ident| $call:expr) => {
        impl PropValue for $ty {
            const EDITOR: Editor = $editor;
            fn is_unset(&self) -> bool {
                self.is_none()
            }
            fn accept<V: PropVisitor>(
                &mut self,
                $label: &'static str,
                $unit: &'static str,
                $v: &mut V,
            ) -> bool {
                let $val = self;
                $call
            }
        }
    };
}

prop_value!(Option<String>, Editor::Text, |l, _u, x, v| v.text(l, x));
prop_value!(Option<bool>, Editor::Flag, |l, _u, x, v| v.flag(l, x));
prop_value!(Option<Role>, Editor::Role, |l, _u, x, v| v.role(l, x));
prop_value!(Option<Dlq>, Editor::DeadLetter, |l, _u, x, v| v
    .dead_letter(l, x));
prop_value!(Option<NodeId>, Editor::Node, |l, _u, x, v| v.node(l, x));
prop_value!(Option<Vec<NodeId>>, Editor::Nodes, |l, _u, x, v| v
    .nodes(l, x));
prop_value!(Option<f64>, Editor::Decimal, |l, u, x, v| v.number(
    l,
    u,
    NumberMut::F64(x)
));
prop_value!(Option<u16>, integer(u16::MAX as f64), |l, u, x, v| {
    v.number(l, u, NumberMut::U16(x))
});
prop_value!(Option<u32>, integer(u32::MAX as f64), |l, u, x, v| {
    v.number(l, u, NumberMut::U32(x))
});
prop_value!(Option<u64>, integer(u64::MAX as f64), |l, u, x, v| {
    v.number(l, u, NumberMut::U64(x))
});

const fn integer(max: f64) -> Editor {
    Editor::Integer { min: 0.0, max }
}

impl<G: PropGroup> PropValue for Option<Box<G>> {
    const EDITOR: Editor = Editor::Group;
    fn is_unset(&self) -> bool {
        self.is_none()
    }
    fn accept<V: PropVisitor>(&mut self, label: &'static str, _: &'static str, v: &mut V) -> bool {
        v.group(label, self)
    }
}

impl PropValue for Vec<String> {
    const EDITOR: Editor = Editor::Words;
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
    fn accept<V: PropVisitor>(&mut self, label: &'static str, _: &'static str, v: &mut V) -> bool {
        v.words(label, self)
    }
}

impl PropValue for BTreeMap<String, String> {
    const EDITOR: Editor = Editor::Pairs;
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
    fn accept<V: PropVisitor>(&mut self, label: &'static str, _: &'static str, v: &mut V) -> bool {
        v.pairs(label, self)
    }
}

/// Declares a property struct from one entry per property, and its [`PropStruct`] table.
///
/// Node and edge properties: every field is an `Option` of the written type, skipped in files
/// when unset, so files stay short and diffs clean. An entry is
///
/// ```text
/// name: Type = "Label" ("unit"), Shape, KINDS;   // node properties; ("unit") is optional
/// name: Type = "Label" ("unit"), Detail;         // edge properties (no kinds)
/// ```
///
/// where `KINDS` is a [`KindSet`] expression; `NodeKind`'s variants are in scope in it
/// (`only(&[SqlDb, Shard])`, `COMPUTE.or(STORE)`). Also generates `FIELDS` and `is_empty`.
///
/// The grouped settings (`rate_limit`, `jwt`, `retry`…) are boxed: few nodes set them, and
/// keeping them out of line keeps every node's properties small for the rules that scan them
/// all (the file format is the same: serde reads and writes a box as its contents).
macro_rules! props_struct {
    (
        $(#[$doc:meta])* $name:ident {
            $(
                $(#[$fdoc:meta])*
                $field:ident : $ty:ty = $label:literal $(($unit:literal))?, $scope:ident
                $(, $kinds:expr)?;
            )+
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[$fdoc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )+
        }

        prop_table!($name {
            $($field: Option<$ty> = $label, concat!("" $(, $unit)?), $scope,
                prop_kinds!($($kinds)?);)+
        });
    };
}

/// Declares a group of nested properties (the contents of `rate_limit`, `retry`…) and its
/// [`PropStruct`] table. Entries name the full field type, `Option<…>` or, for lists and maps,
/// the collection itself (left out of files when empty):
///
/// ```text
/// name: Option<Type> = "Label" ("unit");
/// ```
macro_rules! prop_group {
    (
        $(#[$doc:meta])* $name:ident {
            $(
                $(#[$fdoc:meta])*
                $field:ident : $ty:ty = $label:literal $(($unit:literal))?;
            )+
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[$fdoc])*
                #[serde(skip_serializing_if = "PropValue::is_unset")]
                pub $field: $ty,
            )+
        }

        prop_table!($name {
            $($field: $ty = $label, concat!("" $(, $unit)?), Detail, prop_kinds!();)+
        });
    };
}

/// The kinds of an entry: the written set, or every kind.
macro_rules! prop_kinds {
    () => {
        KindSet::ALL
    };
    ($kinds:expr) => {{
        #[allow(unused_imports)]
        use crate::model::kinds::NodeKind::*;
        $kinds
    }};
}

/// The [`PropStruct`] table of a struct declared by `props_struct!` or `prop_group!`.
macro_rules! prop_table {
    ($name:ident { $($field:ident : $ty:ty = $label:literal, $unit:expr, $scope:ident,
        $kinds:expr;)+ }) => {
        impl $name {
            /// Every field name, in file order (for "allowed fields" messages).
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),+];

            /// Whether no property is set.
            pub fn is_empty(&self) -> bool {
                *self == Self::default()
            }
        }

        impl PropStruct for $name {
            const PROPS: &'static [Prop<Self>] = &[$(
                Prop {
                    name: stringify!($field),
                    label: $label,
                    unit: $unit,
                    editor: <$ty as PropValue>::EDITOR,
                    scope: Scope::$scope,
                    kinds: $kinds,
                    is_set: |s| !PropValue::is_unset(&s.$field),
                    clear: |s| s.$field = Default::default(),
                    same: |a, b| a.$field == b.$field,
                    copy: |from, to| to.$field = from.$field.clone(),
                },
            )+];

            fn index_of(name: &str) -> Option<usize> {
                #[allow(non_camel_case_types)]
                enum Index {
                    $($field),+
                }
                match name {
                    $(stringify!($field) => Some(Index::$field as usize),)+
                    _ => None,
                }
            }

            fn visit<V: PropVisitor>(&mut self, name: &str, v: &mut V) -> bool {
                match name {
                    $(stringify!($field) =>
                        PropValue::accept(&mut self.$field, $label, $unit, v),)+
                    _ => false,
                }
            }
        }
    };
}
