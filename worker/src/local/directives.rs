//! What the prompt states outright about a game's settings, written into its parameters.
//!
//! "Multiplication" gave addition, "5 lives" gave 3, "hard to beat" gave a medium computer and
//! "pastel" the default colours: the rules filled the theme and the title and left every number,
//! option and colour at the schema's default. Here the explicit settings of a prompt are matched
//! against the template's own schema, so a new template is covered without code:
//! - counts: a number before a noun that names an integer property ("5 lives", "ten rounds",
//!   "a 6x6 grid", "best of 5", "first to 7", "numbers up to 20", "60 seconds");
//! - options: an enum value the prompt names ("asteroids" for `obstacleStyle: asteroid`, "coins"
//!   for a `coin` style), operations by their usual names ("times tables" is `multiply`), and
//!   difficulty words for easy/medium/hard options ("hard to beat", "for little kids");
//! - colours: "pastel", "dark", "light", and colour names for the main colours ("a pink snake on
//!   black").
//!
//! Values are clamped to the schema's bounds, so a directive never makes parameters invalid; the
//! client's explicit parameters still override all of it. Each applied directive is reported
//! (`lives = 5`) so `try` and the route reason can say what was honoured.

use aimini_models::content::tokens;
use aimini_models::templates::Template;

use super::fill::set;
use serde_json::{Value, json};

/// One setting taken from the prompt, as `path = value` for reports.
pub type Applied = Vec<String>;

/// Applies the prompt's explicit settings to `params` (a template's filled parameters).
pub fn apply(template: &Template, prompt: &str, params: &mut Value) -> Applied {
    let words = tokens(prompt);
    let mut applied = Vec::new();
    let props = numeric_properties(&template.schema);
    counts(&words, &props, params, &mut applied);
    grids(&words, &props, params, &mut applied);
    options(&words, &template.schema, params, &mut applied);
    colours(&words, params, &mut applied);
    applied
}

const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Small numbers as words, so "2 players" names the option "two-players".
fn spelled(words: &[String]) -> Vec<&str> {
    words
        .iter()
        .map(|w| match w.parse::<usize>() {
            Ok(n) if n < NUMBER_WORDS.len() => NUMBER_WORDS[n],
            _ => w.as_str(),
        })
        .collect()
}

fn number(w: &str) -> Option<f64> {
    if let Ok(n) = w.parse::<u32>() {
        return Some(f64::from(n));
    }
    NUMBER_WORDS
        .iter()
        .position(|n| *n == w)
        .and_then(|i| u32::try_from(i).ok())
        .map(f64::from)
}

fn singular(w: &str) -> String {
    match w {
        "lives" => "life".into(),
        "tries" => "try".into(),
        "minutes" | "mins" | "min" => "minute".into(),
        "secs" | "sec" => "second".into(),
        "colours" | "colour" | "colors" => "color".into(),
        _ if w.ends_with("ss") => w.into(),
        _ => w.strip_suffix('s').unwrap_or(w).into(),
    }
}

/// An integer or number property, by its path and the words of its name.
struct Prop {
    path: Vec<String>,
    words: Vec<String>,
    integer: bool,
    min: f64,
    max: f64,
    allowed: Option<Vec<f64>>,
}

/// `camelCase` and `snake_case` names as singular lower-case words.
fn name_words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in name.chars() {
        if c == '_' || c == '-' || c.is_ascii_digit() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.iter().map(|w| singular(w)).collect()
}

fn numeric_properties(schema: &Value) -> Vec<Prop> {
    let mut out = Vec::new();
    walk(schema, &mut Vec::new(), &mut out);
    out
}

fn walk(schema: &Value, path: &mut Vec<String>, out: &mut Vec<Prop>) {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, sub) in props {
        path.push(name.clone());
        let ty = sub.get("type").and_then(Value::as_str);
        if matches!(ty, Some("integer" | "number")) {
            let mut words: Vec<String> = path.iter().flat_map(|p| name_words(p)).collect();
            words.dedup();
            out.push(Prop {
                path: path.clone(),
                words,
                integer: ty == Some("integer"),
                min: sub.get("minimum").and_then(Value::as_f64).unwrap_or(0.0),
                max: sub
                    .get("maximum")
                    .and_then(Value::as_f64)
                    .unwrap_or(f64::MAX),
                allowed: sub
                    .get("enum")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_f64).collect()),
            });
        } else if ty == Some("object") && path.len() < 3 {
            walk(sub, path, out);
        }
        path.pop();
    }
}

/// Nouns people count things by, and the property-name words they mean.
const NOUNS: &[(&[&str], &[&str])] = &[
    (
        &["life", "heart", "chance", "try"],
        &["life", "heart", "chance"],
    ),
    (
        &["round", "question", "problem", "puzzle", "turn"],
        &["round"],
    ),
    (&["level", "stage"], &["level", "stage"]),
    (&["wave"], &["wave"]),
    (&["game", "match", "set"], &["best"]),
    (&["point", "goal"], &["win", "target", "point"]),
    (&["mine", "bomb"], &["mine", "bomb"]),
    (&["color"], &["color"]),
    (&["lane"], &["lane"]),
    (&["pad", "button"], &["pad", "button"]),
    (
        &["second", "minute"],
        &["second", "time", "limit", "duration"],
    ),
];

/// Property-name words too generic to match a noun on their own.
const GENERIC: &[&str] = &[
    "min", "max", "count", "number", "per", "speed", "rate", "size", "time", "second", "point",
];

fn target<'a>(props: &'a [Prop], noun: &str) -> Option<&'a Prop> {
    let noun = singular(noun);
    let own = [noun.as_str()];
    let names: &[&str] = match NOUNS.iter().find(|(ns, _)| ns.contains(&noun.as_str())) {
        Some((_, names)) => names,
        None if GENERIC.contains(&noun.as_str()) => return None,
        None => &own,
    };
    // The earliest listed name word wins ("second" before "time" before "limit"); among the
    // properties with it, the one it names best: `levels` over `levelSpeedUp`.
    names.iter().find_map(|n| {
        props
            .iter()
            .filter(|p| p.words.iter().any(|w| w == n))
            .min_by_key(|p| match p.words.as_slice() {
                [only] if only == n => 0,
                [.., last] if last == n => 1,
                [first, ..] if first == n => 2,
                _ => 3,
            })
    })
}

fn set_number(params: &mut Value, p: &Prop, value: f64, applied: &mut Applied) {
    let mut v = value.clamp(p.min, p.max);
    if let Some(allowed) = &p.allowed {
        // The nearest allowed value at or above (best of 4 is best of 5), else the largest.
        v = allowed
            .iter()
            .copied()
            .filter(|a| *a >= v)
            .fold(None, |m: Option<f64>, a| Some(m.map_or(a, |m| m.min(a))))
            .or_else(|| allowed.iter().copied().reduce(f64::max))
            .unwrap_or(v);
    }
    let json = if p.integer {
        json!(v.round() as i64)
    } else {
        json!(v)
    };
    if set(params, &p.path, json.clone()) {
        applied.push(format!("{} = {json}", p.path.join(".")));
    }
}

/// "5 lives", "ten rounds", "3 extra lives", "best of 5", "first to 7", "up to 20", "60 seconds".
fn counts(words: &[String], props: &[Prop], params: &mut Value, applied: &mut Applied) {
    for (i, w) in words.iter().enumerate() {
        let Some(n) = number(w) else { continue };
        let before = |k: usize| i.checked_sub(k).map(|j| words[j].as_str());
        let phrase = (before(2), before(1));
        let by_phrase = match phrase {
            (Some("best"), Some("of")) => target(props, "game"),
            (Some("first"), Some("to")) | (_, Some("reach")) => target(props, "point"),
            (Some("up"), Some("to")) | (_, Some("under" | "below")) => {
                props.iter().find(|p| p.words.iter().any(|w| w == "max"))
            }
            _ => None,
        };
        if let Some(p) = by_phrase {
            set_number(params, p, n, applied);
            continue;
        }
        // The noun is the next word, or the one after an adjective ("3 extra lives").
        for noun in words.iter().skip(i + 1).take(2) {
            if let Some(p) = target(props, noun) {
                let scale = if singular(noun) == "minute" && p.words.iter().any(|w| w == "second") {
                    60.0
                } else {
                    1.0
                };
                set_number(params, p, n * scale, applied);
                break;
            }
        }
    }
}

/// "a 6x6 grid", "5 by 5 board", "8 x 8".
fn grids(words: &[String], props: &[Prop], params: &mut Value, applied: &mut Applied) {
    let dims = words.iter().enumerate().find_map(|(i, w)| {
        if let Some((a, b)) = w.split_once('x') {
            return Some((number(a)?, number(b)?));
        }
        let sep = words.get(i + 1).map(String::as_str);
        if matches!(sep, Some("x" | "by")) {
            return Some((number(w)?, number(words.get(i + 2)?)?));
        }
        None
    });
    let Some((cols, rows)) = dims else { return };
    let find = |names: &[&str]| {
        props
            .iter()
            .find(|p| names.iter().any(|n| p.words.iter().any(|w| w == n)))
    };
    match (find(&["col", "column", "width"]), find(&["row", "height"])) {
        (Some(c), Some(r)) => {
            set_number(params, c, cols, applied);
            set_number(params, r, rows, applied);
        }
        _ => {
            if let Some(p) = find(&["grid", "board", "size"]) {
                set_number(params, p, cols.max(rows), applied);
            }
        }
    }
}

/// Usual names of values that are not words themselves.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("add", &["addition", "adding", "plus", "sums", "sum"]),
    (
        "subtract",
        &["subtraction", "subtracting", "minus", "take away"],
    ),
    (
        "multiply",
        &[
            "multiplication",
            "multiplying",
            "times tables",
            "times table",
            "times",
        ],
    ),
    ("divide", &["division", "dividing"]),
    (
        "hard",
        &[
            "hard to beat",
            "unbeatable",
            "impossible",
            "difficult",
            "challenging",
            "expert",
            "hardest",
        ],
    ),
    (
        "easy",
        &[
            "easy",
            "for kids",
            "little kids",
            "toddler",
            "toddlers",
            "beginner",
            "beginners",
        ],
    ),
    ("medium", &["medium", "normal difficulty"]),
];

/// Enum values too common in prompts to be taken as a choice ("the player jumps").
const COMMON: &[&str] = &[
    "player",
    "ai",
    "left",
    "right",
    "up",
    "down",
    "none",
    "alternate",
    "classic",
    "normal",
    "random",
];

fn names(text: &str, phrase: &str) -> bool {
    text.contains(&format!(" {phrase} "))
}

fn named(text: &str, value: &str) -> bool {
    // "two-players" is named by "two players" (and, through `spelled`, by "2 players").
    let v = tokens(value).join(" ");
    let own = v.len() >= 3
        && !COMMON.contains(&v.as_str())
        && (names(text, &v) || names(text, &format!("{v}s")));
    own || SYNONYMS
        .iter()
        .filter(|(val, _)| *val == v)
        .flat_map(|(_, syn)| syn.iter())
        .any(|s| names(text, s))
}

/// Enum strings and arrays of enum strings whose values the prompt names (also one object deep:
/// `collectibles.style`).
fn options(words: &[String], schema: &Value, params: &mut Value, applied: &mut Applied) {
    let text = format!(" {} ", spelled(words).join(" "));
    let mut found = Vec::new();
    enums(schema, &mut Vec::new(), &text, &mut found);
    for (path, value) in found {
        if set(params, &path, value.clone()) {
            applied.push(format!("{} = {value}", path.join(".")));
        }
    }
}

fn enums(schema: &Value, path: &mut Vec<String>, text: &str, out: &mut Vec<(Vec<String>, Value)>) {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, sub) in props {
        path.push(name.clone());
        if let Some(v) = chosen(sub, text) {
            out.push((path.clone(), v));
        } else if sub.get("type").and_then(Value::as_str) == Some("object") && path.len() < 2 {
            enums(sub, path, text, out);
        }
        path.pop();
    }
}

/// The value of one enum property the prompt chooses, if it chooses one.
fn chosen(sub: &Value, text: &str) -> Option<Value> {
    let values = sub
        .get("enum")
        .or_else(|| sub.get("items").and_then(|i| i.get("enum")))
        .and_then(Value::as_array)?;
    let hits: Vec<&Value> = values
        .iter()
        .filter(|v| v.as_str().is_some_and(|s| named(text, s)))
        .collect();
    if sub.get("type").and_then(Value::as_str) == Some("array") {
        let min = sub
            .get("minItems")
            .and_then(Value::as_u64)
            .unwrap_or(1)
            .max(1);
        return ((hits.len() as u64) >= min).then(|| json!(hits));
    }
    // Two values named ("from easy to hard"): no single choice was made.
    (hits.len() == 1).then(|| hits[0].clone())
}

/// Colour names and their hex values (Tailwind's 400 shades: bright on dark backgrounds).
const COLOURS: &[(&str, &str)] = &[
    ("red", "#f87171"),
    ("orange", "#fb923c"),
    ("yellow", "#facc15"),
    ("gold", "#fbbf24"),
    ("green", "#4ade80"),
    ("teal", "#2dd4bf"),
    ("cyan", "#22d3ee"),
    ("blue", "#60a5fa"),
    ("purple", "#c084fc"),
    ("violet", "#a78bfa"),
    ("pink", "#f472b6"),
    ("brown", "#b45309"),
    ("white", "#f8fafc"),
    ("silver", "#cbd5e1"),
    ("grey", "#9ca3af"),
    ("gray", "#9ca3af"),
];

/// Whole palettes by mood: background, primary, accent, text. `strong` moods count anywhere;
/// the others only before a word about colour ("dark colours", "a light theme"), since "a dark
/// forest" names a setting, not a palette.
const MOODS: &[(&str, bool, [&str; 4])] = &[
    ("pastel", true, ["#fdf2f8", "#a5b4fc", "#f9a8d4", "#334155"]),
    (
        "monochrome",
        true,
        ["#111111", "#eeeeee", "#9ca3af", "#ffffff"],
    ),
    ("dark", false, ["#0a0a0f", "#818cf8", "#f472b6", "#e5e7eb"]),
    ("black", false, ["#000000", "#e5e7eb", "#facc15", "#f8fafc"]),
    ("light", false, ["#f8fafc", "#2563eb", "#f59e0b", "#0f172a"]),
    ("white", false, ["#ffffff", "#2563eb", "#f59e0b", "#0f172a"]),
    (
        "bright",
        false,
        ["#fefce8", "#ef4444", "#2563eb", "#111827"],
    ),
];

const ABOUT_COLOUR: &[&str] = &[
    "color",
    "colors",
    "colour",
    "colours",
    "colored",
    "coloured",
    "theme",
    "mode",
    "palette",
    "background",
    "backgrounds",
];

/// "pastel", "dark colours", "a black background", then named colours: the first for the main
/// colour, the second for the accent ("a pink snake eating yellow stars").
fn colours(words: &[String], params: &mut Value, applied: &mut Applied) {
    if !params.get("palette").is_some_and(Value::is_object) {
        return;
    }
    let mut used = None;
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).map(String::as_str).unwrap_or_default();
        let Some((m, _, [bg, primary, accent, text])) = MOODS
            .iter()
            .find(|(m, strong, _)| m == w && (*strong || ABOUT_COLOUR.contains(&next)))
        else {
            continue;
        };
        params["palette"] =
            json!({"background": bg, "primary": primary, "accent": accent, "text": text});
        applied.push(format!("palette = {m}"));
        used = Some(i);
        break;
    }
    let named: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != used)
        .filter_map(|(_, w)| COLOURS.iter().find(|(c, _)| c == w).map(|(_, hex)| *hex))
        .collect();
    let light_bg = params["palette"]["background"]
        .as_str()
        .is_some_and(|bg| luminance(bg) > 0.5);
    for (slot, hex) in ["primary", "accent"].iter().zip(named) {
        // On a light background the bright 400 shades wash out: use the colour darkened.
        let hex = if light_bg {
            darken(hex)
        } else {
            hex.to_owned()
        };
        params["palette"][*slot] = json!(hex);
        applied.push(format!("palette.{slot} = {hex}"));
    }
}

fn channels(hex: &str) -> [f64; 3] {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .map_or(0.0, |v| f64::from(v) / 255.0)
    };
    [c(0), c(2), c(4)]
}

fn luminance(hex: &str) -> f64 {
    let [r, g, b] = channels(hex);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

fn darken(hex: &str) -> String {
    let [r, g, b] = channels(hex);
    let d = |v: f64| (v * 0.6 * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", d(r), d(g), d(b))
}

#[cfg(test)]
mod tests;
