//! The template parameter fuzz: valid parameters drawn from a template's own JSON Schema, each
//! played through the same smoke test as the generation gate.
//!
//! Cases per template, in order: the schema defaults, `example.json`, every value at its low edge
//! (minimum, minLength, minItems, first enum value), every value at its high edge, then
//! [`RANDOM_CASES`] draws where each value is independently a default, an edge or uniform within
//! its bounds. Strings with a `pattern` are drawn from the pattern itself (the small regular
//! subset the schemas use: classes, groups, alternation, counted repeats); free text mixes ASCII
//! with the accented letters of the languages aimini fills templates in. Every draw is checked by
//! the template's own validator, and a draw that fails it (a cross-field `if`/`then`, a duplicate
//! in a `uniqueItems` list) is drawn again, so only parameters the schema accepts are ever played.
//!
//! Deterministic: [`SEED`] and the case index give the same parameters on every machine, and the
//! runner is deterministic for given parameters and seed, so a case that passes here passes the
//! gate too.

use aimini_models::templates::Template;
use serde_json::{Map, Number, Value};

use crate::runner::{self, Limits, Script, SmokeReport};

/// The fuzz's seed (recorded in `verified.json`).
pub const SEED: u64 = 0x5eed_f022;
/// Random draws per template, after the defaults, the example and the two edges.
pub const RANDOM_CASES: usize = 6;
/// Every case of one template.
pub const CASES: usize = 4 + RANDOM_CASES;
/// Draws tried for one case before the fuzz gives up on the schema (a schema no draw satisfies
/// is a bug in the schema or in this generator, and fails the fuzz).
const TRIES: u64 = 200;
/// Repeats of an unbounded `+`/`*` in a pattern, and items of an array without `maxItems`.
const OPEN_MAX: usize = 12;
/// Free text: ASCII and the accented letters of es/fr/de/pt.
const TEXT: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z', 'A', 'M', 'Q', 'W', 'Z', '0', '7', ' ', ' ', '.', ',', '!',
    '?', '\'', '-', 'á', 'é', 'í', 'ó', 'ú', 'ñ', 'ü', 'ç', 'à', 'è', 'ê', 'ß', 'ö', 'ä', 'Ñ', 'É',
];

/// splitmix64: small, seedable, and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi` (`lo` when `hi < lo`).
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.next_u64() % (hi - lo + 1)
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let n = items.len() as u64;
        (n > 0).then(|| &items[self.between(0, n - 1) as usize])
    }
}

/// Which value a schema node gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Default,
    Low,
    High,
    /// Each value independently a default, an edge or uniform.
    Random,
}

/// The parameters of case `case` (see the module docs for the order).
pub fn case_params(template: &Template, case: usize) -> Result<Value, String> {
    match case {
        0 => Ok(template.defaults()),
        1 => Ok(template.example.clone()),
        _ => {
            let pick = match case {
                2 => Pick::Low,
                3 => Pick::High,
                _ => Pick::Random,
            };
            draw_valid(
                template,
                pick,
                SEED ^ (case as u64).wrapping_mul(0x1000_0001),
            )
        }
    }
}

/// A draw that the template's validator accepts. An edge case that no draw can satisfy (a
/// cross-field rule the edges break) falls back to random draws.
pub fn draw_valid(template: &Template, pick: Pick, seed: u64) -> Result<Value, String> {
    let mut last = Vec::new();
    for attempt in 0..TRIES {
        let mut rng = Rng::new(seed.wrapping_add(attempt));
        // Half the tries keep the edge; the rest let random values break a cross-field conflict.
        let pick = if attempt < TRIES / 2 {
            pick
        } else {
            Pick::Random
        };
        let v = value(&template.schema, &mut rng, pick);
        match template.validate(&v) {
            Ok(()) => return Ok(v),
            Err(problems) => last = problems,
        }
    }
    Err(format!(
        "{}: no valid parameters in {TRIES} draws ({:?} edge); last problems: {}",
        template.meta.id,
        pick,
        last.join("; ")
    ))
}

/// One value for `schema`.
pub fn value(schema: &Value, rng: &mut Rng, pick: Pick) -> Value {
    // Each node of a random draw decides for itself.
    let pick = match pick {
        Pick::Random => match rng.between(0, 9) {
            0 | 1 => Pick::Default,
            2 => Pick::Low,
            3 => Pick::High,
            _ => Pick::Random,
        },
        p => p,
    };
    if pick == Pick::Default
        && let Some(d) = schema.get("default")
    {
        return d.clone();
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        let chosen = match pick {
            Pick::Low => options.first(),
            Pick::High => options.last(),
            _ => rng.pick(options),
        };
        return chosen.cloned().unwrap_or(Value::Null);
    }
    let int = |k: &str| schema.get(k).and_then(Value::as_i64);
    let uint = |k: &str| schema.get(k).and_then(Value::as_u64);
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => object(schema, rng, pick),
        Some("array") => {
            let lo = uint("minItems").unwrap_or(0) as usize;
            let hi = uint("maxItems").map_or(lo + OPEN_MAX, |m| m as usize);
            let n = edge(rng, pick, lo, hi);
            let items = schema.get("items").unwrap_or(&Value::Null);
            let unique = schema.get("uniqueItems") == Some(&Value::Bool(true));
            let mut out: Vec<Value> = Vec::with_capacity(n);
            let mut tries = 0;
            while out.len() < n && tries < n * 20 + 20 {
                tries += 1;
                // Items vary even in an edge case: an edge list of identical items says little.
                let item_pick = if pick == Pick::Default {
                    Pick::Random
                } else {
                    pick
                };
                let mut v = value(items, rng, item_pick);
                if unique && out.contains(&v) {
                    v = value(items, rng, Pick::Random);
                    if out.contains(&v) {
                        continue;
                    }
                }
                out.push(v);
            }
            Value::Array(out)
        }
        Some("integer") => {
            let lo = int("minimum").unwrap_or(0);
            let hi = int("maximum").unwrap_or(lo.saturating_add(100));
            let v = match pick {
                Pick::Low => lo,
                Pick::High => hi,
                _ => {
                    let span = hi.saturating_sub(lo).max(0) as u64;
                    lo.saturating_add(rng.between(0, span) as i64)
                }
            };
            Value::from(v)
        }
        Some("number") => {
            let f = |k: &str| schema.get(k).and_then(Value::as_f64);
            let lo = f("minimum").unwrap_or(0.0);
            let hi = f("maximum").unwrap_or(lo + 100.0);
            let v = match pick {
                Pick::Low => lo,
                Pick::High => hi,
                // Two decimals, as a filler or a person would write it.
                _ => ((lo + rng.unit() * (hi - lo)) * 100.0).round() / 100.0,
            };
            Number::from_f64(v.clamp(lo, hi)).map_or(Value::Null, Value::Number)
        }
        Some("boolean") => Value::Bool(match pick {
            Pick::Low => false,
            Pick::High => true,
            _ => rng.between(0, 1) == 1,
        }),
        Some("string") => Value::String(string(schema, rng, pick)),
        _ => schema.get("default").cloned().unwrap_or(Value::Null),
    }
}

fn edge(rng: &mut Rng, pick: Pick, lo: usize, hi: usize) -> usize {
    match pick {
        Pick::Low => lo,
        Pick::High => hi.max(lo),
        _ => rng.between(lo as u64, hi.max(lo) as u64) as usize,
    }
}

fn object(schema: &Value, rng: &mut Rng, pick: Pick) -> Value {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = Map::new();
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (k, sub) in props {
            // An optional property is sometimes left out (the template's own default applies).
            if pick == Pick::Random && !required.contains(&k.as_str()) && rng.between(0, 4) == 0 {
                continue;
            }
            out.insert(k.clone(), value(sub, rng, pick));
        }
    }
    Value::Object(out)
}

fn string(schema: &Value, rng: &mut Rng, pick: Pick) -> String {
    if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
        && let Some(s) = from_pattern(pattern, rng, pick)
    {
        return s;
    }
    let uint = |k: &str| schema.get(k).and_then(Value::as_u64);
    let lo = uint("minLength").unwrap_or(0) as usize;
    let hi = uint("maxLength").map_or(lo + 24, |m| m as usize);
    let n = edge(rng, pick, lo, hi);
    (0..n)
        .map(|_| *rng.pick(TEXT).unwrap_or(&'a'))
        .collect::<String>()
}

/// A string matching `pattern`, for the regular subset the schemas use (anchors, literals,
/// escapes, `[...]` classes with ranges, `(...)`/`(?:...)` groups with `|`, and `{m}`, `{m,n}`,
/// `?`, `*`, `+`); `None` for anything else (the caller draws free text, and the validator judges).
pub fn from_pattern(pattern: &str, rng: &mut Rng, pick: Pick) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut pos = 0;
    let node = parse_alt(&chars, &mut pos)?;
    if pos != chars.len() {
        return None;
    }
    let mut out = String::new();
    emit(&node, rng, pick, &mut out);
    Some(out)
}

#[derive(Debug)]
enum Node {
    Chars(Vec<char>),
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, usize, usize),
}

fn parse_alt(c: &[char], pos: &mut usize) -> Option<Node> {
    let mut options = vec![parse_seq(c, pos)?];
    while c.get(*pos) == Some(&'|') {
        *pos += 1;
        options.push(parse_seq(c, pos)?);
    }
    Some(if options.len() == 1 {
        options.remove(0)
    } else {
        Node::Alt(options)
    })
}

fn parse_seq(c: &[char], pos: &mut usize) -> Option<Node> {
    let mut items = Vec::new();
    while let Some(&ch) = c.get(*pos) {
        let atom = match ch {
            '|' | ')' => break,
            '^' | '$' => {
                *pos += 1;
                continue;
            }
            '(' => {
                *pos += 1;
                if c.get(*pos) == Some(&'?') {
                    if c.get(*pos + 1) != Some(&':') {
                        return None;
                    }
                    *pos += 2;
                }
                let inner = parse_alt(c, pos)?;
                if c.get(*pos) != Some(&')') {
                    return None;
                }
                *pos += 1;
                inner
            }
            '[' => Node::Chars(parse_class(c, pos)?),
            '\\' => {
                let e = *c.get(*pos + 1)?;
                *pos += 2;
                Node::Chars(escape(e)?)
            }
            '.' | '*' | '+' | '?' | '{' => return None,
            lit => {
                *pos += 1;
                Node::Chars(vec![lit])
            }
        };
        items.push(quantified(atom, c, pos)?);
    }
    Some(Node::Seq(items))
}

fn escape(e: char) -> Option<Vec<char>> {
    match e {
        'd' => Some(('0'..='9').collect()),
        'w' => Some(
            ('a'..='z')
                .chain('A'..='Z')
                .chain('0'..='9')
                .chain(['_'])
                .collect(),
        ),
        's' => Some(vec![' ']),
        e if e.is_ascii_punctuation() => Some(vec![e]),
        _ => None,
    }
}

fn parse_class(c: &[char], pos: &mut usize) -> Option<Vec<char>> {
    *pos += 1;
    if c.get(*pos) == Some(&'^') {
        return None;
    }
    let mut set = Vec::new();
    let mut first = true;
    loop {
        let ch = *c.get(*pos)?;
        if ch == ']' && !first {
            *pos += 1;
            break;
        }
        first = false;
        let lo = if ch == '\\' {
            *pos += 1;
            let e = *c.get(*pos)?;
            *pos += 1;
            set.extend(escape(e)?);
            continue;
        } else {
            *pos += 1;
            ch
        };
        if c.get(*pos) == Some(&'-') && c.get(*pos + 1).is_some_and(|&n| n != ']') {
            let hi = c[*pos + 1];
            *pos += 2;
            set.extend(lo..=hi);
        } else {
            set.push(lo);
        }
    }
    (!set.is_empty()).then_some(set)
}

fn quantified(atom: Node, c: &[char], pos: &mut usize) -> Option<Node> {
    let (lo, hi) = match c.get(*pos) {
        Some('?') => (0, 1),
        Some('*') => (0, OPEN_MAX),
        Some('+') => (1, OPEN_MAX),
        Some('{') => {
            let close = c[*pos..].iter().position(|&x| x == '}')? + *pos;
            let body: String = c[*pos + 1..close].iter().collect();
            let (lo, hi) = match body.split_once(',') {
                Some((a, "")) => (a.parse().ok()?, a.parse::<usize>().ok()? + OPEN_MAX),
                Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
                None => {
                    let n = body.parse().ok()?;
                    (n, n)
                }
            };
            *pos = close;
            (lo, hi)
        }
        _ => return Some(atom),
    };
    *pos += 1;
    Some(Node::Repeat(Box::new(atom), lo, hi))
}

fn emit(node: &Node, rng: &mut Rng, pick: Pick, out: &mut String) {
    match node {
        Node::Chars(set) => {
            let ch = match pick {
                Pick::Low => set.first(),
                Pick::High => set.last(),
                _ => rng.pick(set),
            };
            out.extend(ch);
        }
        Node::Seq(items) => items.iter().for_each(|n| emit(n, rng, pick, out)),
        Node::Alt(options) => {
            let chosen = match pick {
                Pick::Low => options.first(),
                Pick::High => options.last(),
                _ => rng.pick(options),
            };
            if let Some(n) = chosen {
                emit(n, rng, pick, out);
            }
        }
        Node::Repeat(inner, lo, hi) => {
            // The length is the edge; what repeats is drawn, so an edge string is not one char
            // over and over.
            let n = edge(rng, pick, *lo, *hi);
            for _ in 0..n {
                emit(inner, rng, Pick::Random, out);
            }
        }
    }
}

/// One failed case: which, with what, and what the smoke test said.
#[derive(Debug)]
pub struct Failure {
    pub case: usize,
    pub params: Value,
    pub why: String,
}

/// What a template's fuzz saw: every case's report, or the first failure.
pub fn run(template: &Template) -> Result<Vec<SmokeReport>, Box<Failure>> {
    if let Err(findings) = aimini_models::jscheck::check_logic(&template.logic) {
        return Err(Box::new(Failure {
            case: 0,
            params: Value::Null,
            why: format!("the static checks refuse the code: {findings:?}"),
        }));
    }
    let mut reports = Vec::with_capacity(CASES);
    for case in 0..CASES {
        let params = case_params(template, case).map_err(|why| {
            Box::new(Failure {
                case,
                params: Value::Null,
                why,
            })
        })?;
        let report = runner::smoke_blocking(
            &template.logic,
            &params,
            runner::SEED,
            &Script::smoke(),
            &Limits::default(),
        )
        .map_err(|e| {
            Box::new(Failure {
                case,
                params: params.clone(),
                why: format!("the runner could not run: {e}"),
            })
        })?;
        if !report.ok {
            return Err(Box::new(Failure {
                case,
                params,
                why: report.summary(),
            }));
        }
        reports.push(report);
    }
    Ok(reports)
}
