//! Failures the shared fidelity tools cause, told apart from the generated types' own, so that
//! the report can name them. They still count as failures in every score.
//!
//! - synth.py flattens `allOf` by filtering each part's `required` by that part's own
//!   properties, so a part that only lists `required` (`allOf: [$ref Team, {required: [id]}]`)
//!   loses them: its cases leave out keys the spec, the docs and the generated type require.
//! - synth.py sends the string `"anything"` for a schema with no `type` (say, one with only
//!   `additionalProperties`), where the docs show a map.

use super::outcome::Group;
use std::collections::{BTreeMap, BTreeSet};

/// The Python that prints, as a JSON object, for each component schema the property names
/// that it or a schema under it requires and synth.py's `allOf` flattening leaves out of
/// `required` (argv: the fidelity tools folder, the spec).
pub const LOST_REQUIRED_PY: &str = r#"
import json, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import synth
synth.load([sys.argv[2]])
def required_anywhere(s, seen):
    s = synth.deref(s)
    if not isinstance(s, dict) or id(s) in seen:
        return set()
    seen = seen | {id(s)}
    out = set(r for r in s.get("required") or [] if isinstance(r, str))
    for part in s.get("allOf") or []:
        out |= required_anywhere(part, seen)
    return out
def lost_under(s, seen, lost):
    if isinstance(s, list):
        for x in s:
            lost_under(x, seen, lost)
        return
    if not isinstance(s, dict):
        return
    s = synth.deref(s)
    if not isinstance(s, dict) or id(s) in seen:
        return
    seen.add(id(s))
    if s.get("allOf"):
        props, req = synth.merged_object(s)
        lost.update(k for k in required_anywhere(s, set()) if k in props and k not in req)
    for v in s.values():
        lost_under(v, seen, lost)
out = {}
for name, s in synth.SCHEMAS.items():
    lost = set()
    lost_under(s, set(), lost)
    if lost:
        out[name] = sorted(lost)
json.dump(out, sys.stdout, sort_keys=True)
"#;

/// What is known of the tools' limits on one spec.
#[derive(Debug, Default)]
pub struct ToolLimits {
    /// By schema, the keys its spec requires that synth.py's cases may leave out.
    pub lost_required: BTreeMap<String, BTreeSet<String>>,
}

impl ToolLimits {
    /// The group of the result (`ERR ...`) of a case of `schema` when the tools caused the
    /// failure.
    pub fn group(&self, schema: &str, result: &str) -> Option<Group> {
        let error = result.strip_prefix("ERR ")?;
        let missing = error
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(key, _)| key);
        let lost = self.lost_required.get(schema);
        if missing.is_some_and(|key| lost.is_some_and(|l| l.contains(key))) {
            Some(Group::ToolLostRequired)
        } else if error.starts_with("invalid type: string \"anything\"") {
            Some(Group::ToolAnything)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_required_keys_and_anything_are_the_tools() {
        let limits = ToolLimits {
            lost_required: [("Team".to_string(), ["id".to_string()].into())].into(),
        };
        let group = |r: &str| limits.group("Team", r);
        assert_eq!(
            limits.group("Other", "ERR missing field `id` at line 1"),
            None
        );
        assert_eq!(
            group("ERR missing field `id` at line 1 column 2"),
            Some(Group::ToolLostRequired)
        );
        assert_eq!(group("ERR missing field `name` at line 1 column 2"), None);
        assert_eq!(group("ERR missing field `idx` at line 1 column 2"), None);
        assert_eq!(group("OK {\"id\":1}"), None);
        assert_eq!(
            group("ERR invalid type: string \"anything\", expected a map at line 1"),
            Some(Group::ToolAnything)
        );
        assert_eq!(
            group("ERR invalid type: string \"other\", expected a map"),
            None
        );
    }
}
