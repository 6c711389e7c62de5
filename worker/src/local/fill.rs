//! Which parameters of a template the language model writes, and how its text becomes valid
//! parameters.
//!
//! The fields come from each template's JSON Schema, not from a per-template list, so a new template
//! gets model-written text without code changes:
//! - free-text strings (no `enum`, no `pattern`): titles, themes, names of things;
//! - lists of strings whose item pattern the decoder can enforce token by token (`^[a-z]+$` words,
//!   card words) and that the game needs (`minItems` >= 2).
//!
//! Everything else stays with the rules and the schema defaults: numbers, enums and colours (the
//! palette follows the theme the rules recognise), optional lists (hints are matched to words by
//! position, pixel art has its own grammar), and lists of objects such as quiz questions, whose
//! answers must be right and a 135M model cannot guarantee that.
//!
//! What the prompt states outright is not left to the model: a theme the rules recognise (it picked
//! the palette) and a quoted title are written into the JSON skeleton as fixed values, which also
//! gives the model its context for the remaining fields. Values the client sent are fixed too.

use aimini_models::templates::Template;
use serde_json::Value;

use super::llm::{Chars, FillOutput, Filled, Slot};
use super::rules::RuleParams;

/// Items the model writes for a list (within the schema's bounds).
const LIST_ITEMS: usize = 8;
/// Longest title the model may write: beyond this a 135M model rambles.
const MAX_TITLE_CHARS: usize = 40;

#[derive(Debug, Clone)]
pub enum Kind {
    Text {
        min: usize,
        max: usize,
    },
    List {
        chars: Chars,
        min_items: usize,
        min_chars: usize,
        max_chars: usize,
    },
}

/// A parameter the model may write.
#[derive(Debug, Clone)]
pub struct Field {
    /// Property names from the root of the parameters.
    pub path: Vec<String>,
    pub kind: Kind,
}

impl Field {
    pub fn name(&self) -> String {
        self.path.join(".")
    }

    /// The key shown to the model: plain words it understands, not camelCase identifiers.
    fn key(&self) -> String {
        let p: Vec<&str> = self.path.iter().map(String::as_str).collect();
        match p.as_slice() {
            [.., "foodName"] => "food".into(),
            [.., "obstacleName"] => "falling_things".into(),
            ["collectibles", "name"] => "bonus_items".into(),
            [.., "signalText"] => "go_signal".into(),
            [.., "waitText"] => "wait_message".into(),
            [.., "symbols"] => "card_words".into(),
            _ => p.join("_"),
        }
    }
}

/// Model-writable fields of a schema: theme first, then the other texts and the lists, title last,
/// so the model names the game after everything it has written (titles written first pulled the
/// word lists toward the title: "Oceanic Scavenger Hunt" gave "scavenger", "jaguar").
pub fn fields(schema: &Value) -> Vec<Field> {
    let mut out = Vec::new();
    walk(schema, &mut Vec::new(), &mut out);
    let rank = |f: &Field| match (f.path.as_slice(), &f.kind) {
        ([k], _) if k == "theme" => 0,
        ([k], _) if k == "title" => 3,
        (_, Kind::Text { .. }) => 1,
        (_, Kind::List { .. }) => 2,
    };
    out.sort_by_key(|f| (rank(f), f.name()));
    out
}

pub(super) fn usize_of(schema: &Value, key: &str) -> Option<usize> {
    schema
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
}

/// Free-text fields the rules keep: interface microcopy ("GO!", "Wait for it...") whose defaults are
/// already right, and which the model only fills with an echo of the request.
const RULES_ONLY: &[&str] = &["signalText", "waitText"];

fn walk(schema: &Value, path: &mut Vec<String>, out: &mut Vec<Field>) {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (key, sub) in props {
        path.push(key.clone());
        match sub.get("type").and_then(Value::as_str) {
            Some("object") => walk(sub, path, out),
            Some("string")
                if sub.get("enum").is_none()
                    && sub.get("pattern").is_none()
                    && !RULES_ONLY.contains(&key.as_str()) =>
            {
                let max = usize_of(sub, "maxLength")
                    .unwrap_or(60)
                    .min(MAX_TITLE_CHARS);
                out.push(Field {
                    path: path.clone(),
                    kind: Kind::Text {
                        min: usize_of(sub, "minLength").unwrap_or(0).max(1),
                        max,
                    },
                });
            }
            Some("array") => {
                let items = sub.get("items").unwrap_or(&Value::Null);
                let chars = match items.get("pattern").and_then(Value::as_str) {
                    Some("^[a-z]+$") => Some(Chars::Lower),
                    // memory-match symbols: printable ASCII, no outer spaces; we write letters only.
                    Some("^[!-~](?:[ -~]{0,6}[!-~])?$") => Some(Chars::Letters),
                    _ => None,
                };
                let min_items = usize_of(sub, "minItems").unwrap_or(0);
                if let Some(chars) = chars
                    && items.get("type").and_then(Value::as_str) == Some("string")
                    && min_items >= 2
                {
                    out.push(Field {
                        path: path.clone(),
                        kind: Kind::List {
                            chars,
                            min_items,
                            min_chars: usize_of(items, "minLength").unwrap_or(1).max(1),
                            max_chars: usize_of(items, "maxLength").unwrap_or(12),
                        },
                    });
                }
            }
            _ => {}
        }
        path.pop();
    }
}

fn get<'v>(params: &'v Value, path: &[String]) -> Option<&'v Value> {
    path.iter().try_fold(params, |v, k| v.get(k))
}

/// Sets `params` at `path` when every object on the way exists; returns whether it did.
pub(super) fn set(params: &mut Value, path: &[String], value: Value) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut at = params;
    for k in parents {
        match at.get_mut(k) {
            Some(next) => at = next,
            None => return false,
        }
    }
    match at.as_object_mut() {
        Some(obj) => {
            obj.insert(last.clone(), value);
            true
        }
        None => false,
    }
}

/// The skeleton for one generation: which slots are fixed and which the model writes.
#[derive(Debug, Clone)]
pub struct Plan {
    pub slots: Vec<Slot>,
    /// The field each slot fills; `None` for fixed slots.
    pub fields: Vec<Option<Field>>,
    /// Fields whose value the prompt or the client fixed, by name.
    pub fixed: Vec<String>,
}

impl Plan {
    pub fn writes_anything(&self) -> bool {
        self.fields.iter().any(Option::is_some)
    }
}

pub fn plan(template: &Template, rules: &RuleParams, overrides: Option<&Value>) -> Plan {
    let mut plan = Plan {
        slots: Vec::new(),
        fields: Vec::new(),
        fixed: Vec::new(),
    };
    for field in fields(&template.schema) {
        let key = field.key();
        let client = overrides.and_then(|o| get(o, &field.path));
        let from_prompt = match field.path.as_slice() {
            [k] if k == "theme" => rules.theme.map(str::to_owned),
            [k] if k == "title" => rules.quoted_title.clone(),
            // An object the prompt named ("eats tacos"): its picture follows the name.
            [k] if rules.named.contains(k) => get(&rules.params, &field.path).map(|v| match v {
                Value::Array(a) => {
                    let items: Vec<&str> = a.iter().filter_map(Value::as_str).take(8).collect();
                    items.join(", ")
                }
                v => v.as_str().unwrap_or_default().to_owned(),
            }),
            // Bank words: shown to the model as context for the title, never rewritten.
            [k] if rules.banked.fields.contains(k) => get(&rules.params, &field.path)
                .and_then(Value::as_array)
                .map(|a| {
                    let items: Vec<&str> = a.iter().filter_map(Value::as_str).take(8).collect();
                    items.join(", ")
                }),
            _ => None,
        };
        match (client, from_prompt, &field.kind) {
            (Some(v), _, _) => {
                // The client's value wins; a text still gives the model context for the others.
                if let Some(s) = v.as_str() {
                    plan.slots.push(Slot::Fixed {
                        key,
                        value: s.to_owned(),
                    });
                    plan.fields.push(None);
                }
                plan.fixed.push(field.name());
            }
            (None, Some(value), _) => {
                plan.slots.push(Slot::Fixed { key, value });
                plan.fields.push(None);
                plan.fixed.push(field.name());
            }
            (None, None, Kind::Text { max, .. }) => {
                let is_title = field.path.len() == 1 && field.path[0] == "title";
                plan.slots.push(Slot::Text {
                    key,
                    max_chars: *max,
                    max_tokens: (*max / 3).clamp(4, 12),
                    copy: !is_title,
                });
                plan.fields.push(Some(field));
            }
            (
                None,
                None,
                Kind::List {
                    chars,
                    min_items,
                    max_chars,
                    ..
                },
            ) => {
                plan.slots.push(Slot::List {
                    key,
                    items: LIST_ITEMS.max(*min_items),
                    chars: *chars,
                    max_chars: *max_chars,
                    max_tokens: 4,
                });
                plan.fields.push(Some(field));
            }
        }
    }
    plan
}

/// One line of visible text: no control characters, single spaces, no wrapping quotes or trailing
/// commas, at most `max` characters (cut at a word boundary when possible).
pub fn clean_text(raw: &str, min: usize, max: usize) -> Option<String> {
    // Underscores: the model sometimes writes identifiers ("fallen_piano") where words belong.
    let one_line: String = raw
        .chars()
        .map(|c| if c.is_control() || c == '_' { ' ' } else { c })
        .collect();
    // A word repeated back to back is the 135M model looping ("cat cat cat cat"): kept once.
    let mut words: Vec<&str> = Vec::new();
    for w in one_line.split_whitespace() {
        if words
            .last()
            .is_none_or(|last| !last.eq_ignore_ascii_case(w))
        {
            words.push(w);
        }
    }
    let joined = words.join(" ");
    let trimmed = joined.trim_matches(|c: char| matches!(c, '"' | '\'' | ',' | ';' | ':' | ' '));
    let mut out: String = trimmed.to_owned();
    if out.chars().count() > max {
        let cut: String = out.chars().take(max).collect();
        out = match cut.rfind(' ') {
            Some(i) if i >= max / 2 => cut[..i].to_owned(),
            _ => cut,
        };
        out = out.trim_end().to_owned();
    }
    (out.chars().count() >= min && out.chars().any(char::is_alphanumeric)).then_some(out)
}

fn clean_list(
    items: &[String],
    chars: Chars,
    min_items: usize,
    min_chars: usize,
    max_chars: usize,
) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let item = item.trim();
        let ok_chars = match chars {
            Chars::Lower => item.bytes().all(|b| b.is_ascii_lowercase()),
            Chars::Letters => item.bytes().all(|b| b.is_ascii_alphabetic()),
            Chars::Text => !item.chars().any(char::is_control),
        };
        let len = item.chars().count();
        if ok_chars
            && (min_chars..=max_chars).contains(&len)
            && !out.iter().any(|o| o.eq_ignore_ascii_case(item))
        {
            out.push(item.to_owned());
        }
    }
    if out.len() < min_items {
        return Err(format!(
            "{} usable items of the {min_items} needed",
            out.len()
        ));
    }
    Ok(out)
}

/// What the model's values did to the parameters.
#[derive(Debug, Default)]
pub struct Applied {
    /// Fields now holding model text.
    pub written: Vec<String>,
    /// Fields that kept their rule value, and why.
    pub rejected: Vec<(String, String)>,
}

/// Lays the model's values over `params` one field at a time; a value that the schema refuses is
/// dropped for that field alone, so the result is always as valid as `params` was.
///
/// `copied(text)` says whether a text repeats the prompt's worked examples rather than the request
/// ("Coconut Chaos" as the title of a game about pianos); such a text is refused unless the request
/// itself contains it (a farm game may well have the theme "farm").
pub fn apply(
    template: &Template,
    params: &mut Value,
    plan: &Plan,
    out: &FillOutput,
    request: &str,
    copied: impl Fn(&str) -> bool,
) -> Applied {
    let request = request.to_lowercase();
    let mut applied = Applied::default();
    for (field, value) in plan.fields.iter().zip(&out.values) {
        let Some(field) = field else { continue };
        let candidate = match (&field.kind, value) {
            (Kind::Text { min, max }, Filled::Text(s)) => match clean_text(s, *min, *max) {
                Some(t) if copied(&t) && !request.contains(&t.to_lowercase()) => {
                    Err(format!("{t:?} repeats the worked example"))
                }
                Some(t) => Ok(Value::from(t)),
                None => Err("no usable text".to_owned()),
            },
            (
                Kind::List {
                    chars,
                    min_items,
                    min_chars,
                    max_chars,
                },
                Filled::List(items),
            ) => clean_list(items, *chars, *min_items, *min_chars, *max_chars).map(Value::from),
            _ => Err("slot and field disagree".to_owned()),
        };
        let name = field.name();
        match candidate {
            Ok(v) => {
                let mut next = params.clone();
                let _ = set(&mut next, &field.path, v);
                match template.validate(&next) {
                    Ok(()) => {
                        *params = next;
                        applied.written.push(name);
                    }
                    Err(problems) => applied.rejected.push((name, problems.join("; "))),
                }
            }
            Err(why) => applied.rejected.push((name, why)),
        }
    }
    applied
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use aimini_models::templates::TemplateSet;

    use super::*;

    fn set_of_templates() -> TemplateSet {
        TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
            .expect("templates")
    }

    #[test]
    fn schema_walk_finds_texts_and_enforceable_lists_only() {
        let set = set_of_templates();
        let names = |id: &str| -> Vec<String> {
            fields(&set.get(id).expect("template").schema)
                .iter()
                .map(Field::name)
                .collect()
        };
        assert_eq!(names("snake"), ["theme", "foodName", "title"]);
        assert_eq!(names("word-scramble"), ["theme", "words", "title"]);
        assert_eq!(
            names("dodger"),
            ["theme", "collectibles.name", "obstacleName", "title"]
        );
        assert_eq!(names("memory-match"), ["theme", "symbols", "title"]);
        // Quiz answers and maths stay with the rules.
        assert_eq!(names("quiz"), ["theme", "title"]);
        assert_eq!(names("quick-math"), ["theme", "title"]);
    }

    #[test]
    fn text_is_cleaned_and_capped() {
        assert_eq!(
            clean_text("  \"Star\tHopper\u{7}\" ", 1, 40).as_deref(),
            Some("Star Hopper")
        );
        assert_eq!(
            clean_text("The Very Long Title Of A Game That Goes On", 1, 20).as_deref(),
            Some("The Very Long Title")
        );
        assert_eq!(clean_text(" ,, ", 1, 20), None);
        assert_eq!(
            clean_text("Cat cat cat CAT cat Jump", 1, 40).as_deref(),
            Some("Cat Jump")
        );
        assert_eq!(
            clean_text("Bye Bye Birdie", 1, 40).as_deref(),
            Some("Bye Birdie"),
            "a doubled word is rare in a title and always in a loop"
        );
    }

    #[test]
    fn lists_drop_bad_and_duplicate_items() {
        let items: Vec<String> = ["star", "Star", "ab", "moon", "x-ray", "comet"]
            .map(String::from)
            .into();
        assert_eq!(
            clean_list(&items, Chars::Lower, 3, 3, 12).expect("enough"),
            ["star", "moon", "comet"]
        );
        assert!(clean_list(&items, Chars::Lower, 4, 3, 12).is_err());
    }
}
