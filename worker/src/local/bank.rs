//! Questions and words for the template route from the content banks (`prompts/content/`, see
//! [`aimini_models::content`]).
//!
//! A template takes bank content by the shape of its schema, not by id, so a new word game is
//! covered without code: a `questions` list whose items are `{question, choices, answer}` gets
//! quiz questions, a `words` list of `^[a-z]+$` strings gets a topic's words (and `hints`, when the
//! schema has them, the matching clues). The prompt chooses the topic; the count follows "12
//! questions" or the schema's default; "easy"/"for kids" and "hard" lean the questions' levels.
//! The pick is shuffled by a hash of the prompt: one prompt always makes the same game, two prompts
//! on one topic differ. Fields filled here are fixed for the language model, which writes only the
//! titles and names around them.

use aimini_models::content::{Content, Level, Question, tokens};
use aimini_models::templates::Template;
use serde_json::{Value, json};

use super::fill::usize_of;

/// What the banks put into the parameters.
#[derive(Debug, Clone, Default)]
pub struct Banked {
    /// Parameter names set from a bank (the model must not rewrite them).
    pub fields: Vec<String>,
    /// For the route reason: "10 questions on dinosaurs from the quiz bank".
    pub notes: Vec<String>,
}

pub fn apply(template: &Template, prompt: &str, content: &Content, params: &mut Value) -> Banked {
    let mut out = Banked::default();
    let props = &template.schema["properties"];
    if takes_questions(&props["questions"]) {
        questions(prompt, content, &props["questions"], params, &mut out);
    }
    if props["words"]["items"]["pattern"] == "^[a-z]+$" {
        words(prompt, content, props, params, &mut out);
    }
    out
}

fn takes_questions(schema: &Value) -> bool {
    let item = &schema["items"]["properties"];
    ["question", "choices", "answer"]
        .iter()
        .all(|k| item.get(*k).is_some())
}

/// A small deterministic shuffle keyed by the prompt (FNV-1a, then xorshift).
fn shuffled<T>(mut items: Vec<T>, prompt: &str) -> Vec<T> {
    let mut state = prompt.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }) | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
    items
}

/// The number before "questions" ("a quiz with 12 questions").
fn asked_count(prompt: &str) -> Option<usize> {
    let w = tokens(prompt);
    w.windows(2)
        .find(|p| p[1].starts_with("question"))
        .and_then(|p| p[0].parse().ok())
}

fn preferred_level(prompt: &str) -> Option<Level> {
    let w = tokens(prompt);
    let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
    match (
        has(&[
            "easy",
            "kids",
            "kid",
            "children",
            "beginner",
            "beginners",
            "toddler",
            "simple",
        ]),
        has(&[
            "hard",
            "difficult",
            "expert",
            "experts",
            "challenging",
            "tough",
        ]),
    ) {
        (true, false) => Some(Level::Easy),
        (false, true) => Some(Level::Hard),
        _ => None,
    }
}

fn bound(schema: &Value, key: &str, fallback: usize) -> usize {
    usize_of(schema, key).unwrap_or(fallback)
}

fn questions(
    prompt: &str,
    content: &Content,
    schema: &Value,
    params: &mut Value,
    out: &mut Banked,
) {
    let (pool, about): (Vec<&Question>, String) = match content.quiz_topic(prompt) {
        Some(t) => (t.questions.iter().collect(), format!("on {}", t.id)),
        // No topic named: a general-knowledge mix, the easier questions of every topic.
        None => (
            content
                .quiz
                .iter()
                .flat_map(|t| {
                    t.questions
                        .iter()
                        .filter(|q| q.level != Level::Hard)
                        .take(2)
                })
                .collect(),
            "of general knowledge".to_owned(),
        ),
    };
    let item = &schema["items"]["properties"];
    let max_choices = bound(&item["choices"], "maxItems", 4);
    let max_question = bound(&item["question"], "maxLength", 200);
    let pool: Vec<&Question> = pool
        .into_iter()
        .filter(|q| q.choices.len() <= max_choices && q.question.chars().count() <= max_question)
        .collect();
    let (min, max) = (bound(schema, "minItems", 1), bound(schema, "maxItems", 30));
    let wanted = asked_count(prompt).unwrap_or(10).clamp(min, max);
    if pool.len() < min {
        return;
    }
    // Lean towards the level asked for, then the prompt's own order; play from easy to hard.
    let level = preferred_level(prompt);
    let mut picked = shuffled(pool, prompt);
    picked.sort_by_key(|q| level.map_or(0, |l| (q.level as i32 - l as i32).abs()));
    picked.truncate(wanted);
    picked.sort_by_key(|q| q.level);
    let list: Vec<Value> = picked
        .iter()
        .map(|q| json!({"question": q.question, "choices": q.choices, "answer": q.answer}))
        .collect();
    out.notes.push(format!(
        "{} questions {about} from the quiz bank",
        list.len()
    ));
    if asked_count(prompt).is_some_and(|n| n > list.len()) {
        out.notes
            .push(format!("(the bank has {} of them)", list.len()));
    }
    params["questions"] = Value::Array(list);
    out.fields.push("questions".into());
}

fn words(prompt: &str, content: &Content, props: &Value, params: &mut Value, out: &mut Banked) {
    let Some(topic) = content.word_topic(prompt) else {
        return;
    };
    let schema = &props["words"];
    let (min_len, max_len) = (
        bound(&schema["items"], "minLength", 1),
        bound(&schema["items"], "maxLength", 12),
    );
    let pool: Vec<(&String, &String)> = topic
        .words
        .iter()
        .zip(&topic.hints)
        .filter(|(w, _)| (min_len..=max_len).contains(&w.len()))
        .collect();
    let (min, max) = (bound(schema, "minItems", 1), bound(schema, "maxItems", 40));
    let default = schema["default"].as_array().map_or(10, Vec::len);
    if pool.len() < min {
        return;
    }
    let mut picked = shuffled(pool, prompt);
    picked.truncate(default.max(12).clamp(min, max));
    params["words"] = json!(picked.iter().map(|(w, _)| w).collect::<Vec<_>>());
    out.fields.push("words".into());
    let hints = &props["hints"];
    if hints["type"] == "array" && hints["items"]["type"] == "string" {
        let max_hint = bound(&hints["items"], "maxLength", 80);
        let list: Vec<&str> = picked
            .iter()
            .map(|(_, h)| {
                if h.chars().count() <= max_hint {
                    h.as_str()
                } else {
                    ""
                }
            })
            .collect();
        params["hints"] = json!(list);
        out.fields.push("hints".into());
    }
    out.notes.push(format!(
        "{} words on {} from the word bank",
        picked.len(),
        topic.id
    ));
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use aimini_models::templates::TemplateSet;

    use super::*;

    fn set() -> TemplateSet {
        TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
            .expect("templates")
    }

    fn banked(id: &str, prompt: &str) -> (Value, Banked) {
        let set = set();
        let t = set.get(id).expect("template");
        let mut params = t.defaults();
        let b = apply(t, prompt, set.content(), &mut params);
        t.validate(&params)
            .unwrap_or_else(|e| panic!("{id}: {prompt:?}: {e:?}"));
        (params, b)
    }

    fn questions_of(p: &Value) -> Vec<String> {
        p["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .map(|q| q["question"].as_str().expect("text").to_owned())
            .collect()
    }

    #[test]
    fn a_quiz_gets_questions_on_its_topic_in_the_number_asked() {
        let set = set();
        let dinos = &set
            .content()
            .quiz_topic("dinosaurs")
            .expect("topic")
            .questions;
        let (p, b) = banked("quiz", "a quiz about dinosaurs with 12 questions");
        let qs = questions_of(&p);
        assert_eq!(qs.len(), 12);
        assert!(
            qs.iter().all(|q| dinos.iter().any(|d| &d.question == q)),
            "{qs:?}"
        );
        assert_eq!(b.fields, ["questions"]);
        assert!(
            b.notes[0].starts_with("12 questions on dinosaurs"),
            "{:?}",
            b.notes
        );
        // The answer index still points at the bank's right choice.
        for q in p["questions"].as_array().expect("list") {
            let d = dinos
                .iter()
                .find(|d| d.question == q["question"])
                .expect("from the bank");
            assert_eq!(q["answer"], d.answer);
            assert_eq!(q["choices"], json!(d.choices));
        }
    }

    #[test]
    fn the_same_prompt_makes_the_same_quiz_and_another_prompt_another() {
        let (a, _) = banked("quiz", "a space quiz");
        let (b, _) = banked("quiz", "a space quiz");
        let (c, _) = banked("quiz", "a quiz about planets and space for my class");
        assert_eq!(a, b);
        assert_ne!(questions_of(&a), questions_of(&c));
    }

    #[test]
    fn easy_and_hard_requests_lean_their_way_and_play_easy_first() {
        let set = set();
        let level = |q: &str| {
            set.content()
                .quiz
                .iter()
                .flat_map(|t| &t.questions)
                .find(|d| d.question == q)
                .map(|d| d.level)
                .expect("from the bank")
        };
        let (easy, _) = banked("quiz", "an easy animals quiz for kids");
        let (hard, _) = banked("quiz", "a hard animals quiz for experts");
        let count = |p: &Value, l: Level| questions_of(p).iter().filter(|q| level(q) == l).count();
        assert!(count(&easy, Level::Hard) < count(&hard, Level::Hard));
        assert!(count(&easy, Level::Easy) > count(&hard, Level::Easy));
        let levels: Vec<Level> = questions_of(&hard).iter().map(|q| level(q)).collect();
        assert!(levels.is_sorted(), "{levels:?}");
    }

    #[test]
    fn no_topic_gives_a_general_mix_not_the_default_three() {
        let (p, b) = banked("quiz", "a fun quiz");
        assert_eq!(questions_of(&p).len(), 10);
        assert!(b.notes[0].contains("general knowledge"), "{:?}", b.notes);
    }

    #[test]
    fn word_games_get_topic_words_with_their_hints_in_order() {
        let set = set();
        let topic = set.content().word_topic("fruit").expect("topic");
        let (p, b) = banked("word-scramble", "unscramble the names of fruit");
        let words = p["words"].as_array().expect("words");
        let hints = p["hints"].as_array().expect("hints");
        assert_eq!(words.len(), hints.len());
        for (w, h) in words.iter().zip(hints) {
            let i = topic
                .words
                .iter()
                .position(|x| x == w)
                .expect("a fruit word");
            assert_eq!(h, &json!(topic.hints[i]), "{w}");
        }
        assert_eq!(b.fields, ["words", "hints"]);
        // A prompt naming no word topic leaves the words to the model and the rules.
        let (_, b) = banked("word-scramble", "a word scramble");
        assert!(b.fields.is_empty());
    }
}
