//! The automatic content review every job shares: which texts of a game a player sees
//! ([`texts`], [`code_strings`]), the local filter ([`flagged`]: rustrict, which also catches
//! obfuscated spellings) and the combined verdict with OpenAI's moderation endpoint as a second
//! opinion ([`review`]). The endpoint is never a gate: when it fails (timeout, error, open breaker)
//! the local verdict stands and the details say the endpoint was unavailable.

use aimini_models::safety;
use rustrict::{CensorStr, Type};
use serde_json::Value;

use crate::openai::OpenAiEngine;

/// At most this many code strings are reviewed per game.
const MAX_CODE_STRINGS: usize = 200;

/// The string literals of a script (quotes and template literals, comments skipped), with at least
/// one letter: a best-effort scan for the text a game draws.
pub fn code_strings(js: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = js.chars().collect();
    let mut i = 0;
    while i < chars.len() && out.len() < MAX_CODE_STRINGS {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '"' || c == '\'' || c == '`' {
            let mut s = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(ch) = chars.get(i) {
                    s.push(*ch);
                }
                i += 1;
            }
            i += 1;
            if s.chars().any(char::is_alphabetic) {
                out.push(s);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The verdict of the automatic review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub approved: bool,
    /// For `content_moderation.details`: both sources' verdicts in words.
    pub details: String,
}

/// Reviews named texts with the local filter and, when configured, the OpenAI moderation endpoint.
pub async fn review(openai: Option<&OpenAiEngine>, items: &[(String, String)]) -> Review {
    let local = flagged(items);
    let mut notes = Vec::new();
    let mut remote_flags = Vec::new();
    if let Some(o) = openai.filter(|o| o.moderation_enabled()) {
        match o.moderate(items).await {
            Ok(v) if v.flagged.is_empty() => notes.push("OpenAI moderation: no flags".to_owned()),
            Ok(v) => {
                remote_flags = v
                    .flagged
                    .iter()
                    .map(|(name, cats)| {
                        if cats.is_empty() {
                            name.clone()
                        } else {
                            format!("{name} ({})", cats.join(", "))
                        }
                    })
                    .collect();
            }
            Err(e) => {
                tracing::warn!(error = %e, "OpenAI moderation unavailable; the local filter decides");
                metrics::counter!("moderation_endpoint_failures_total").increment(1);
                notes.push(format!(
                    "OpenAI moderation unavailable ({e}); local filter only"
                ));
            }
        }
    }
    let approved = local.is_empty() && remote_flags.is_empty();
    let mut details = if approved {
        "automatic review: no problems found".to_owned()
    } else {
        let mut parts = Vec::new();
        if !local.is_empty() {
            parts.push(local.join(", "));
        }
        if !remote_flags.is_empty() {
            parts.push(format!("OpenAI moderation: {}", remote_flags.join(", ")));
        }
        format!("automatic review flagged: {}", parts.join("; "))
    };
    if !notes.is_empty() {
        details.push_str(&format!(" ({})", notes.join("; ")));
    }
    Review { approved, details }
}

/// Named texts a player will see, plus the prompt: title, description and every parameter string.
pub fn texts(
    title: &str,
    description: Option<&str>,
    prompt: Option<&str>,
    params: &Value,
) -> Vec<(String, String)> {
    let mut out = vec![("title".to_owned(), title.to_owned())];
    if let Some(p) = prompt {
        out.push(("prompt".to_owned(), p.to_owned()));
    }
    if let Some(d) = description {
        out.push(("description".to_owned(), d.to_owned()));
    }
    out.extend(safety::named_strings("parameters", params));
    out
}

/// What rejects a game: profane, offensive or sexual content of moderate severity or more, or
/// severely mean content. Mild findings are mostly words read across spaces ("that eats" ->
/// "teats") and would reject innocent games.
fn blocked() -> Type {
    Type::INAPPROPRIATE & Type::MODERATE_OR_HIGHER
}

/// Whether a text is words at all. Pixel-art rows (`"..XXXX.."`, `"K..KK..K"`) and colours
/// (`"#f43f5e"`) are data, and the filter reads them as abuse ("XXX", "KKK"): skipped.
fn is_words(text: &str) -> bool {
    let t = text.trim();
    let is_colour = t
        .strip_prefix('#')
        .is_some_and(|h| (3..=8).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit()));
    let mut glyphs: Vec<char> = t
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '_' | '-'))
        .collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    // Rows mix a background glyph with one or two colours ("..XX..", "K..KK..K") or repeat one
    // ("XXXXXXXX"); a word like "boob" has neither shape and is still read.
    let is_pixel_row = t.chars().count() >= 4
        && !t.contains(' ')
        && ((t.contains('.') && glyphs.len() <= 2) || glyphs.len() == 1);
    !(is_colour || is_pixel_row)
}

/// `text` without its substitution slots (`{secs}`, `{name}` in `ctx.t("... {secs}s")`): names of
/// values, not words a player reads ("secs" reads as abuse to rustrict).
fn without_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.push_str(&rest[..open]);
                out.push(' ');
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether rustrict blocks a text, read word by word, plus runs of short words read joined.
///
/// Read across spaces, rustrict assembles words that are not there: "paddles hit a ball" holds
/// "s hit", and "puzzle (8-, 15- or 24-puzzle)" once rejected every sliding-puzzle game. So each
/// word is judged alone (digits inside words still count: "sh1t"), and only runs of words of one
/// or two characters within one phrase are joined, which is how spaced-out spellings look
/// ("f u c k", "fu ck"); with three ("an air hockey rink") rustrict read "an air" as a slur.
/// Meaning across words is the content policy's job (`safety::screen_all`). rustrict knows English
/// only: a text in another of aimini's languages is left to that language's phrase rules, and
/// the dictionary's words of those languages are never read as English abuse.
fn blocked_text(text: &str) -> bool {
    let text = without_placeholders(text);
    if aimini_models::lang::detect(&text).is_some_and(|l| l != aimini_models::lang::Lang::En) {
        return false;
    }
    text.split(|c: char| !(c.is_alphanumeric() || c == ' '))
        .any(|phrase| {
            let words: Vec<&str> = phrase
                .split(' ')
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect();
            if words
                .iter()
                .any(|w| !safety::is_dictionary_word(&w.to_lowercase()) && w.is(blocked()))
            {
                return true;
            }
            words
                .split(|w| w.chars().count() > 2)
                .filter(|run| run.len() >= 2)
                .any(|run| run.concat().as_str().is(blocked()))
        })
}

/// The fields that fail the profanity filter, then what the content policy finds in the texts
/// alone and together (a theme spread over harmless-looking fields is judged as a whole).
pub fn flagged(items: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = items
        .iter()
        .filter(|(_, text)| is_words(text) && blocked_text(text))
        .map(|(name, _)| name.clone())
        .collect();
    let words: Vec<(String, String)> = items.iter().filter(|(_, t)| is_words(t)).cloned().collect();
    out.extend(
        safety::screen_all(&words)
            .findings
            .into_iter()
            .map(|f| format!("{} ({})", f.evidence, f.category.as_str())),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_flags_abuse_and_passes_ordinary_game_text() {
        let items = vec![
            ("title".to_owned(), "Space Snake".to_owned()),
            (
                "prompt".to_owned(),
                "a snake game, you stupid piece of shit".to_owned(),
            ),
            ("parameters.words[0]".to_owned(), "f u c k".to_owned()),
            ("parameters.words[1]".to_owned(), "assassin".to_owned()),
            ("parameters.words[2]".to_owned(), "fu ck".to_owned()),
            (
                "description".to_owned(),
                "two paddles hit a ball back and forth on an air hockey rink".to_owned(),
            ),
        ];
        let bad = flagged(&items);
        assert!(bad.contains(&"prompt".to_owned()), "{bad:?}");
        assert!(!bad.contains(&"title".to_owned()));
        assert!(bad.contains(&"parameters.words[0]".to_owned()), "{bad:?}");
        assert!(bad.contains(&"parameters.words[2]".to_owned()), "{bad:?}");
        assert!(
            !bad.contains(&"description".to_owned()),
            "\"paddles hit\" is not \"s hit\": {bad:?}"
        );
        assert!(
            !bad.contains(&"parameters.words[1]".to_owned()),
            "no Scunthorpe problem: {bad:?}"
        );
    }

    #[tokio::test]
    async fn a_hateful_theme_spread_over_the_words_is_rejected_as_a_whole() {
        // What the review approved before the content policy read the texts together.
        let items = texts(
            "Terrorist Word Scramble",
            Some("Unscramble the words before time runs out."),
            Some("a word game"),
            &serde_json::json!({"words": ["slur", "hateful", "stabbing"]}),
        );
        let r = review(None, &items).await;
        assert!(!r.approved);
        assert!(
            r.details.contains("(extremism)") && r.details.contains("(hate)"),
            "{}",
            r.details
        );
    }

    /// The policy reading texts together must not reject what the templates themselves say (the
    /// sliding puzzle's description once was).
    #[test]
    fn every_template_example_passes_the_review() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates");
        let templates = aimini_models::templates::TemplateSet::load(&dir).expect("templates");
        for t in templates.all() {
            let items = texts(&t.meta.title, Some(&t.meta.description), None, &t.example);
            assert!(
                flagged(&items).is_empty(),
                "{}: {:?}",
                t.meta.id,
                flagged(&items)
            );
        }
    }

    #[test]
    fn pixel_rows_and_colours_are_not_words() {
        assert!(flagged(&[("s".into(), "8-, 15- or 24-puzzle, '15 puzzle'".into())]).is_empty());
        assert!(!flagged(&[("s".into(), "what the sh1t".into())]).is_empty());
        for data in ["...XXXX...", "XXXXXXXXXX", "K...KK...K", "#f43f5e", "#FFF"] {
            assert!(flagged(&[("s".into(), data.into())]).is_empty(), "{data}");
        }
        assert!(!flagged(&[("s".into(), "you are a fucking idiot".into())]).is_empty());
        assert!(is_words("Game over"));
        assert!(is_words("boob"));
        // Words run together across spaces ("that eats") are read as mild innuendo; a game
        // description is not blocked for that.
        assert!(flagged(&[("s".into(), "A snake that eats stars".into())]).is_empty());
        // Other languages: rustrict (English) misreads their words; their phrase rules apply.
        for text in [
            "La hoja negra",
            "Fuchs",
            "Attrape les {pick} - Flèches ou glisse pour bouger",
            "You dodged {name} for {secs}s and scored {score}",
            "Bicho",
        ] {
            assert!(flagged(&[("s".into(), text.into())]).is_empty(), "{text}");
        }
        assert!(!flagged(&[("s".into(), "fucking {name}".into())]).is_empty());
    }

    #[test]
    fn code_strings_finds_the_text_a_game_draws() {
        let js = r#"// a 'comment' string
const NAME = "Cat Hop"; /* "hidden" */ let s = 'it\'s over';
ctx.text(`Score: ${score}`, 10, 10); const n = "42";"#;
        assert_eq!(
            code_strings(js),
            ["Cat Hop", "it's over", "Score: ${score}"]
        );
    }

    #[tokio::test]
    async fn without_openai_the_local_filter_decides() {
        let ok = review(None, &[("title".to_owned(), "Space Snake".to_owned())]).await;
        assert!(ok.approved);
        assert_eq!(ok.details, "automatic review: no problems found");
        let bad = review(None, &[("title".to_owned(), "shit game".to_owned())]).await;
        assert!(!bad.approved);
        assert!(bad.details.starts_with("automatic review flagged: title"));
    }
}
