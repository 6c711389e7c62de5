//! Content policy for prompts and for the texts a game shows: one classifier, used by the API
//! before a generation request is accepted and by the worker's review of every generated game.
//!
//! Why rules, and why here: the API must answer a refused request at once (422 `content_policy`,
//! no job, no quota), so the check has to run in the API process in microseconds, without model
//! weights. It combines rustrict (profanity, slurs and sexual words, including obfuscated
//! spellings) with per-category phrase rules ([`lexicon`]) matched on a normalised form of the
//! text: lower case, leetspeak folded (`k1ll` -> `kill`), split into words, so a rule never fires
//! inside another word (`assassin`, `Scunthorpe`). Games are full of ordinary make-believe
//! violence ("shoot the asteroids", "zombies attack"): violence rules name real-world targets
//! and atrocities, not game verbs. A request's prompt that the rules pass is then scored by a
//! small linear classifier trained from the labelled sets at first use ([`classifier`]; still
//! microseconds per prompt, no weights to load). Precision and recall on the labelled sets in
//! `prompts/evals/` are measured by this module's tests and written up in `docs/safety.md`.
//!
//! [`screen`] looks at one text; reviewing a game calls it on the title, description and words
//! joined into one document as well, so a theme spread over several harmless-looking fields
//! ("Terrorist Word Scramble" with the words "slur", "hateful") is judged as a whole.

mod classifier;
mod frames;
mod lexicon;
mod lexicon_intl;

use std::sync::LazyLock;

use regex::Regex;
use rustrict::Type;

pub use classifier::warm_up;

/// What a text was refused for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Hate,
    Harassment,
    Sexual,
    Violence,
    SelfHarm,
    Extremism,
    /// Text that tries to give the generator new instructions (prompt injection).
    Injection,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Hate,
        Category::Harassment,
        Category::Sexual,
        Category::Violence,
        Category::SelfHarm,
        Category::Extremism,
        Category::Injection,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Hate => "hate",
            Category::Harassment => "harassment",
            Category::Sexual => "sexual",
            Category::Violence => "violence",
            Category::SelfHarm => "self_harm",
            Category::Extremism => "extremism",
            Category::Injection => "injection",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// What the person is told, kindly and without repeating their words.
    pub fn explain(self) -> &'static str {
        match self {
            Category::Hate => "it asks for content that attacks people for who they are",
            Category::Harassment => "it asks for a game that targets or mocks a real person",
            Category::Sexual => "it asks for sexual content",
            Category::Violence => "it asks for real-world or graphic violence",
            Category::SelfHarm => {
                "it mentions hurting yourself. If you are going through something hard, please talk to someone you trust or a local helpline"
            }
            Category::Extremism => "it asks for extremist or terrorist content",
            Category::Injection => {
                "it tries to give the game maker new instructions instead of describing a game"
            }
        }
    }
}

/// One reason a text was refused: the category and the words that matched (for moderators and
/// logs of verdicts, never shown back to the person who wrote them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub category: Category,
    pub evidence: String,
}

/// The classifier's answer for one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    pub findings: Vec<Finding>,
}

impl Verdict {
    pub fn refused(&self) -> bool {
        !self.findings.is_empty()
    }

    /// The categories found, each once, in a stable order.
    pub fn categories(&self) -> Vec<Category> {
        let mut c: Vec<Category> = self.findings.iter().map(|f| f.category).collect();
        c.sort();
        c.dedup();
        c
    }

    /// The message a refused request gets.
    pub fn message(&self) -> String {
        match self.categories().first() {
            Some(c) => format!(
                "We can't make that game: {}. Try describing a different game.",
                c.explain()
            ),
            None => String::new(),
        }
    }
}

/// Lower case, leetspeak folded to letters inside words that have letters (`k1ll` -> `kill`, while
/// `2048` stays a number), apostrophes dropped, a word spelled out letter by letter joined
/// (`r e v e a l` -> `reveal`, four letters or more), every run of other characters one space,
/// padded with a space on each side so rules match whole words.
pub fn normalise(text: &str) -> String {
    const LEET: &[char] = &['@', '$', '!'];
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let lower = text.to_lowercase().replace(['\'', '’'], "");
    let split: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || LEET.contains(&c)))
        .filter(|t| !t.is_empty())
        .collect();
    for raw in spelled_out(&split) {
        let raw = raw.as_str();
        let token = raw.trim_matches(LEET);
        if token.is_empty() {
            continue;
        }
        if token.chars().any(char::is_alphabetic) {
            out.extend(token.chars().map(|c| match c {
                '0' => 'o',
                '1' | '!' => 'i',
                '3' => 'e',
                '4' | '@' => 'a',
                '5' | '$' => 's',
                '7' => 't',
                c => c,
            }));
        } else {
            out.extend(token.chars().filter(|c| c.is_alphanumeric()));
        }
        out.push(' ');
    }
    out
}

/// Tokens with each run of four or more one-character tokens joined into one word ("f @ g g 0 t s").
fn spelled_out(tokens: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        if run.len() >= 4 {
            out.push(run.concat());
        } else {
            out.extend(run.iter().map(|t| (*t).to_owned()));
        }
        run.clear();
    };
    for t in tokens {
        if t.chars().count() == 1 {
            run.push(t);
        } else {
            flush(&mut run, &mut out);
            out.push((*t).to_owned());
        }
    }
    flush(&mut run, &mut out);
    out
}

struct Rule {
    category: Category,
    pattern: Regex,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    lexicon::rules()
        .into_iter()
        .chain(frames::rules())
        .chain(lexicon_intl::rules())
        .map(|(category, pattern)| Rule {
            category,
            // Every rule is a fixed string in this crate, and a test compiles them all.
            pattern: Regex::new(&format!(" (?:{pattern}) ")).expect("a valid rule"),
        })
        .collect()
});

/// Injection markup on the raw text, and benign phrases taken out before the rules read it (see
/// [`frames`]).
static RAW: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    frames::RAW
        .iter()
        .map(|p| Regex::new(p).expect("a valid raw rule"))
        .collect()
});
static BENIGN: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    frames::BENIGN
        .iter()
        .map(|p| Regex::new(p).expect("a valid benign phrase"))
        .collect()
});

/// Whether `word` (lower case) is a word of Spanish, French, German or Portuguese that the concept
/// dictionary (`prompts/content/gloss.json`, compiled in) knows: rustrict, an English filter, reads
/// some as abuse ("attrape" is catch, "Fuchs" a fox, "bicho" a critter). Those languages' phrase
/// rules still read the texts such words appear in.
pub fn is_dictionary_word(word: &str) -> bool {
    static WORDS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
        // The file is checked where the templates load (`Gloss::load`); compiled in here, a
        // broken one would exempt nothing.
        let gloss = crate::gloss::Gloss::parse(include_str!("../../../prompts/content/gloss.json"))
            .unwrap_or_default();
        crate::lang::Lang::ALL[1..]
            .iter()
            .flat_map(|&lang| gloss.forms(lang))
            .flat_map(|form| form.split(' '))
            .map(str::to_owned)
            .collect()
    });
    WORDS.contains(word)
}

/// rustrict's verdict on a text: severe offensive words (slurs, including obfuscated spellings)
/// and severe sexual words. Its milder findings are mostly words read across spaces ("chicken
/// breast", "a duck crosses") and would refuse ordinary games; the phrase rules cover the rest.
fn rustrict_category(norm: &str) -> Option<Category> {
    // Birds and game terms that share a spelling with slang, and the Spanish and Portuguese
    // "black" (feminine), which rustrict (an English filter) reads as a slur; the Spanish and
    // Portuguese phrase rules still read a group of people named with it.
    static NAMES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r" (?:(?:blue|brown|red|masked|blue footed|red footed) boob(?:y|ies)|boob(?:y|ies) (?:birds?|traps?|prize)|(?:blue|great|coal|marsh) tits?|negras?) ")
            .expect("a valid pattern")
    });
    let norm = NAMES.replace_all(norm, " ");
    // Most texts are clean as a whole: one pass decides, and only a flagged text is read again
    // word by word (read across spaces, rustrict finds words that are not there).
    let whole = rustrict::Censor::from_str(&norm).analyze();
    if !whole.is((Type::SEXUAL | Type::OFFENSIVE) & Type::SEVERE) {
        return None;
    }
    let severe = |t: Type| {
        norm.split(' ')
            .filter(|w| !w.is_empty() && !is_dictionary_word(w))
            .any(|w| rustrict::Censor::from_str(w).analyze().is(t & Type::SEVERE))
    };
    if severe(Type::SEXUAL) {
        Some(Category::Sexual)
    } else if severe(Type::OFFENSIVE) {
        Some(Category::Hate)
    } else {
        None
    }
}

/// Classifies one text (a prompt, or a game's texts joined).
pub fn screen(text: &str) -> Verdict {
    let norm = normalise(text);
    let mut findings = Vec::new();
    let mut read = norm.clone();
    for benign in BENIGN.iter() {
        read = benign.replace_all(&read, " ").into_owned();
    }
    for rule in RULES.iter() {
        // Overlapping phrases: the padding spaces are part of each match, so look from every word.
        if let Some(m) = rule.pattern.find(&read) {
            findings.push(Finding {
                category: rule.category,
                evidence: m.as_str().trim().to_owned(),
            });
        }
    }
    let lower = text.to_lowercase();
    if let Some(m) = RAW.iter().find_map(|r| r.find(&lower)) {
        findings.push(Finding {
            category: Category::Injection,
            evidence: m.as_str().trim().to_owned(),
        });
    }
    // rustrict knows English only: a text in another of aimini's languages is read by that
    // language's phrase rules above.
    let english = crate::lang::detect(text).is_none_or(|l| l == crate::lang::Lang::En);
    if let Some(category) = english.then(|| rustrict_category(&norm)).flatten() {
        findings.push(Finding {
            category,
            evidence: "flagged by the profanity filter".to_owned(),
        });
    }
    Verdict { findings }
}

/// Classifies named texts one by one and, joined, as a whole; findings name the field.
pub fn screen_all(items: &[(String, String)]) -> Verdict {
    let mut findings = Vec::new();
    for (name, text) in items {
        findings.extend(screen(text).findings.into_iter().map(|f| Finding {
            evidence: format!("{name}: {}", f.evidence),
            ..f
        }));
    }
    let whole: Vec<&str> = items.iter().map(|(_, t)| t.as_str()).collect();
    for f in screen(&whole.join(" . ")).findings {
        if !findings.iter().any(|seen| seen.category == f.category) {
            findings.push(Finding {
                evidence: format!("the texts together: {}", f.evidence),
                ..f
            });
        }
    }
    Verdict { findings }
}

/// The policy on a request's prompt: the rules ([`screen`]), then, when they pass it, the trained
/// classifier ([`classifier`]), which reads requests only.
pub fn screen_prompt(text: &str) -> Verdict {
    let mut verdict = screen(text);
    if !verdict.refused() {
        verdict.findings.extend(classifier_finding(text));
    }
    verdict
}

fn classifier_finding(text: &str) -> Option<Finding> {
    classifier::classify(text).map(|(category, score)| Finding {
        category,
        evidence: format!("request classifier, score {score:.2}"),
    })
}

/// The policy on a generation request: the prompt and every parameter string, alone and together
/// by the rules, and the prompt by the trained classifier ([`screen_prompt`]).
/// The API answers a refusal with 422 before anything is queued; the worker and `try` run the same
/// check before any engine does.
pub fn screen_request(prompt: &str, parameters: Option<&serde_json::Value>) -> Verdict {
    let mut items = vec![("prompt".to_owned(), prompt.to_owned())];
    if let Some(p) = parameters {
        items.extend(named_strings("parameters", p));
    }
    let mut verdict = screen_all(&items);
    if !verdict.refused() {
        verdict
            .findings
            .extend(classifier_finding(prompt).map(|f| Finding {
                evidence: format!("prompt: {}", f.evidence),
                ..f
            }));
    }
    verdict
}

/// Every string inside a JSON value, named by its path (`parameters.words[0]`), for review.
pub fn named_strings(prefix: &str, value: &serde_json::Value) -> Vec<(String, String)> {
    fn walk(path: String, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::String(t) => out.push((path, t.clone())),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(format!("{path}[{i}]"), item, out);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    walk(format!("{path}.{k}"), item, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(prefix.to_owned(), value, &mut out);
    out
}

#[cfg(test)]
mod tests;
