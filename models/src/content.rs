//! Curated offline content (`prompts/content/`): quiz questions and word lists by topic.
//!
//! Without a hosted model, a quiz showed the same three default questions whatever it was about,
//! and the 135M local model wrote word lists with non-words and off-topic items. Facts and
//! spellings are not something a small model can be trusted with, so the template route takes
//! them from banks written and checked by people: a topic is matched by its terms in the prompt
//! (whole words), and the generator picks questions or words from it. The banks load with the
//! templates and are checked on load like them: a malformed file stops the process instead of
//! reaching a player.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::lang::Lang;

/// How hard a question is, so a request for an easy or a hard quiz can lean one way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Easy,
    Medium,
    Hard,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub question: String,
    pub choices: Vec<String>,
    /// Index of the right choice.
    pub answer: usize,
    pub level: Level,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizTopic {
    pub id: String,
    /// Lower-case words and phrases that name the topic in a prompt.
    pub terms: Vec<String>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordTopic {
    pub id: String,
    pub terms: Vec<String>,
    /// Lower-case ASCII words.
    pub words: Vec<String>,
    /// One clue per word, in the same order.
    pub hints: Vec<String>,
}

#[derive(Deserialize)]
struct Topics<T> {
    topics: Vec<T>,
}

/// Every bank; empty when `prompts/content/` is absent (the templates' defaults serve).
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub quiz: Vec<QuizTopic>,
    pub words: Vec<WordTopic>,
    /// The multilingual concept dictionary (`gloss.json`).
    pub gloss: crate::gloss::Gloss,
    /// The quiz bank in other languages (`quiz.<lang>.json`, the same topics and questions in the
    /// same order), by the English question each one translates.
    pub quiz_translations: BTreeMap<Lang, HashMap<String, Question>>,
    /// The sprite library (`prompts/sprites/`), loaded with the templates.
    pub sprites: crate::sprites::SpriteLibrary,
}

/// A topic whose term the prompt names: the one named last wins ("a quiz about animals, make it
/// about the ocean"), then the longer term ("ocean animals" over "animals").
trait Topic {
    fn terms(&self) -> &[String];
}

impl Topic for QuizTopic {
    fn terms(&self) -> &[String] {
        &self.terms
    }
}

impl Topic for WordTopic {
    fn terms(&self) -> &[String] {
        &self.terms
    }
}

/// Lower-case words of a text (letters and digits; everything else separates them).
pub fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of a text with a space before and after each, so that `contains(" sea life ")`
/// matches whole words and phrases only.
pub fn spaced(text: &str) -> String {
    let mut out = String::from(" ");
    for w in tokens(text) {
        out.push_str(&w);
        out.push(' ');
    }
    out
}

fn find<'a, T: Topic>(topics: &'a [T], prompt: &str) -> Option<&'a T> {
    let text = spaced(prompt);
    topics
        .iter()
        .flat_map(|t| t.terms().iter().map(move |term| (t, term)))
        .filter_map(|(t, term)| {
            let term = spaced(term);
            // Ranked by where the term ends: "ocean animals" and "animals" end together, and
            // the longer, more specific one wins.
            text.rfind(&term).map(|at| (t, at + term.len(), term.len()))
        })
        .max_by_key(|(_, end, len)| (*end, *len))
        .map(|(t, _, _)| t)
}

impl Content {
    /// Reads `quiz.json` and `words.json` under `dir`; a missing directory is an empty bank, a
    /// malformed or inconsistent file is an error naming the entry.
    pub fn load(dir: &Path) -> Result<Self, String> {
        if !dir.is_dir() {
            return Ok(Self::default());
        }
        let read = |name: &str| -> Result<Option<String>, String> {
            let path = dir.join(name);
            if !path.exists() {
                return Ok(None);
            }
            std::fs::read_to_string(&path)
                .map(Some)
                .map_err(|e| format!("{}: {e}", path.display()))
        };
        let mut content = Self::default();
        if let Some(text) = read("quiz.json")? {
            let bank: Topics<QuizTopic> =
                serde_json::from_str(&text).map_err(|e| format!("quiz.json: {e}"))?;
            content.quiz = bank.topics;
        }
        if let Some(text) = read("words.json")? {
            let bank: Topics<WordTopic> =
                serde_json::from_str(&text).map_err(|e| format!("words.json: {e}"))?;
            content.words = bank.topics;
        }
        for lang in &Lang::ALL[1..] {
            let name = format!("quiz.{}.json", lang.code());
            if let Some(text) = read(&name)? {
                let bank: Topics<QuizTopic> =
                    serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
                let by_english = parallel(&content.quiz, bank.topics, &name)?;
                content.quiz_translations.insert(*lang, by_english);
            }
        }
        content.gloss = crate::gloss::Gloss::load(&dir.join("gloss.json"))?;
        content.check()?;
        Ok(content)
    }

    fn check(&self) -> Result<(), String> {
        for t in &self.quiz {
            for (i, q) in t.questions.iter().enumerate() {
                let at = || format!("quiz.json: topic '{}', question {i}", t.id);
                if !(2..=4).contains(&q.choices.len()) || q.answer >= q.choices.len() {
                    return Err(format!("{}: 2 to 4 choices and an answer among them", at()));
                }
                if q.question.is_empty() || q.question.chars().count() > 200 {
                    return Err(format!("{}: a question of 1 to 200 characters", at()));
                }
                if q.choices
                    .iter()
                    .any(|c| c.is_empty() || c.chars().count() > 80)
                {
                    return Err(format!("{}: choices of 1 to 80 characters", at()));
                }
            }
        }
        for t in &self.words {
            if t.hints.len() != t.words.len() {
                return Err(format!("words.json: topic '{}': one hint per word", t.id));
            }
            if let Some(w) = t
                .words
                .iter()
                .find(|w| w.is_empty() || !w.bytes().all(|b| b.is_ascii_lowercase()))
            {
                return Err(format!("words.json: topic '{}': '{w}' is not a-z", t.id));
            }
        }
        Ok(())
    }

    /// `english` (a question of the bank) in `lang`, when the bank has that language.
    pub fn translated_question(&self, lang: Lang, english: &str) -> Option<&Question> {
        self.quiz_translations.get(&lang)?.get(english)
    }

    /// The quiz topic the prompt names.
    pub fn quiz_topic(&self, prompt: &str) -> Option<&QuizTopic> {
        find(&self.quiz, prompt)
    }

    /// The word topic the prompt names.
    pub fn word_topic(&self, prompt: &str) -> Option<&WordTopic> {
        find(&self.words, prompt)
    }
}

/// A translated quiz bank against the English one: the same topics, questions, levels, answers and
/// number of choices, in the same order; the map from each English question to its translation.
fn parallel(
    english: &[QuizTopic],
    translated: Vec<QuizTopic>,
    name: &str,
) -> Result<HashMap<String, Question>, String> {
    if translated.len() != english.len() {
        return Err(format!(
            "{name}: {} topics, quiz.json has {}",
            translated.len(),
            english.len()
        ));
    }
    let mut out = HashMap::new();
    for (en, tr) in english.iter().zip(translated) {
        if tr.id != en.id || tr.questions.len() != en.questions.len() {
            return Err(format!(
                "{name}: topic '{}' does not match quiz.json's '{}' (same ids and question counts, in order)",
                tr.id, en.id
            ));
        }
        for (i, (q, t)) in en.questions.iter().zip(tr.questions).enumerate() {
            let same =
                t.answer == q.answer && t.level == q.level && t.choices.len() == q.choices.len();
            let sized = (1..=200).contains(&t.question.chars().count())
                && t.choices
                    .iter()
                    .all(|c| (1..=80).contains(&c.chars().count()));
            if !same || !sized {
                return Err(format!(
                    "{name}: topic '{}', question {i}: the answer, level and number of choices of quiz.json, \
                     a question of 1 to 200 characters and choices of 1 to 80",
                    en.id
                ));
            }
            out.insert(q.question.clone(), t);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(id: &str, terms: &[&str]) -> WordTopic {
        WordTopic {
            id: id.into(),
            terms: terms.iter().map(|s| (*s).to_owned()).collect(),
            words: vec!["cat".into()],
            hints: vec!["a pet".into()],
        }
    }

    #[test]
    fn the_topic_named_last_and_longest_wins_by_whole_words() {
        let c = Content {
            quiz: Vec::new(),
            words: vec![
                topic("animals", &["animal", "animals", "pets"]),
                topic("ocean", &["ocean", "sea", "sea life", "sea animals"]),
                topic("space", &["space", "planets"]),
            ],
            ..Content::default()
        };
        let id = |p: &str| c.word_topic(p).map(|t| t.id.as_str());
        assert_eq!(
            id("words about animals, no wait, about the ocean"),
            Some("ocean")
        );
        assert_eq!(id("Sea life hangman"), Some("ocean"));
        assert_eq!(
            id("hangman with sea animals"),
            Some("ocean"),
            "the longer term ending last"
        );
        assert_eq!(id("a spaceship game"), None, "whole words only");
        assert_eq!(id("PLANETS!"), Some("space"));
    }

    #[test]
    fn the_shipped_banks_load_and_hold_together() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/content");
        let c = Content::load(&dir).expect("the shipped banks are valid");
        assert!(c.quiz.len() >= 20, "quiz topics: {}", c.quiz.len());
        assert!(c.words.len() >= 25, "word topics: {}", c.words.len());
        for t in &c.quiz {
            assert!(t.questions.len() >= 12, "{}: {}", t.id, t.questions.len());
        }
        for t in &c.words {
            assert!(t.words.len() >= 20, "{}: {}", t.id, t.words.len());
        }
        assert_eq!(
            c.quiz_topic("a quiz about dinosaurs")
                .map(|t| t.id.as_str()),
            Some("dinosaurs")
        );
    }

    #[test]
    fn broken_banks_are_refused_with_the_entry_named() {
        let c = Content {
            quiz: vec![QuizTopic {
                id: "space".into(),
                terms: vec!["space".into()],
                questions: vec![Question {
                    question: "Which planet is red?".into(),
                    choices: vec!["Mars".into(), "Venus".into()],
                    answer: 2,
                    level: Level::Easy,
                }],
            }],
            words: Vec::new(),
            ..Content::default()
        };
        let err = c.check().expect_err("answer out of range");
        assert!(err.contains("topic 'space', question 0"), "{err}");
        let mut bad = topic("x", &["x"]);
        bad.words.push("Dog".into());
        bad.hints.push("a pet".into());
        let err = Content {
            quiz: Vec::new(),
            words: vec![bad],
            ..Content::default()
        }
        .check()
        .expect_err("upper case");
        assert!(err.contains("'Dog'"), "{err}");
    }
}
