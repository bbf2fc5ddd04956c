//! Upgrades of older design files to the current format version. Each step takes the parsed
//! RON value of version `n` and returns version `n + 1`.

use super::design::CURRENT_VERSION;

/// One upgrade step: the version it reads, and the function that turns it into the next.
pub struct Step {
    pub from: u32,
    pub upgrade: fn(ron::Value) -> Result<ron::Value, String>,
}

/// The upgrade steps, oldest first. Version 1 is the first format, so this list is empty until
/// version 2 exists; adding `Step { from: 1, upgrade: v1_to_v2 }` here is all a format change
/// needs (plus bumping [`CURRENT_VERSION`]).
pub const STEPS: &[Step] = &[];

/// Runs every step from `from` up to [`CURRENT_VERSION`] and sets the `version` field.
pub fn upgrade(value: ron::Value, from: u32) -> Result<ron::Value, String> {
    upgrade_with(value, from, CURRENT_VERSION, STEPS)
}

/// [`upgrade`] with explicit steps and target (so the chain itself can be tested).
pub fn upgrade_with(
    mut value: ron::Value,
    from: u32,
    to: u32,
    steps: &[Step],
) -> Result<ron::Value, String> {
    let mut version = from;
    while version < to {
        let step = steps
            .iter()
            .find(|s| s.from == version)
            .ok_or_else(|| format!("no upgrade exists from format version {version}"))?;
        value = (step.upgrade)(value)?;
        version += 1;
    }
    set_version(value, to)
}

fn set_version(value: ron::Value, version: u32) -> Result<ron::Value, String> {
    match value {
        ron::Value::Map(mut map) => {
            map.insert(
                ron::Value::String("version".into()),
                ron::Value::Number(ron::value::Number::U32(version)),
            );
            Ok(ron::Value::Map(map))
        }
        _ => Err("the design is not a structure of named fields".into()),
    }
}
