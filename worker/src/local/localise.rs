//! A local package in the prompt's language.
//!
//! The local engine understands English: a prompt in Spanish, French, German or Portuguese is
//! glossed into English words first ([`aimini_models::gloss`]), so intent, directives and the content
//! banks work unchanged. What comes out is written back in the prompt's language here:
//! - `metadata.language`, which the player and the runtime read (`ctx.lang`): every template draws
//!   its own interface texts from its translation table;
//! - the template's name, description and controls from its `i18n.json`;
//! - the free-text parameters (theme, names of things) phrase by phrase through the dictionary;
//! - the title: the template's name in that language and the theme ("Serpiente: Espacio");
//! - quiz questions, from the bank's translation (`prompts/content/quiz.<lang>.json`).
//!
//! Left in English, and said so in the docs: the word lists of word games (their letters are
//! `a-z`). The parameters are validated again after the change, and a package whose translated
//! parameters would not validate keeps its English ones.

use aimini_models::lang::Lang;
use aimini_models::templates::{Template, TemplateSet};
use serde_json::Value;

use super::fill::{self, Kind};
use crate::engines::Package;

/// Whether the prompt is in a language the engine glosses, and the English it reads instead.
pub fn english_prompt(set: &TemplateSet, prompt: &str) -> (Lang, Option<String>) {
    let gloss = &set.content().gloss;
    let lang = aimini_models::lang::detect(prompt)
        .or_else(|| gloss.guess(prompt))
        .unwrap_or(Lang::En);
    if lang == Lang::En || gloss.is_empty() {
        return (lang, None);
    }
    let english = gloss.to_english(prompt, lang);
    // Nothing left to read (a prompt of function words only): the original is no worse.
    let english = (english.chars().count() >= 3).then_some(english);
    (lang, english)
}

/// Records the package's language and, for another language than English, writes its texts in it.
pub fn apply(pkg: &mut Package, set: &TemplateSet, lang: Lang) {
    pkg.metadata["language"] = Value::String(lang.code().to_owned());
    if lang == Lang::En {
        return;
    }
    let Some(template) = pkg.metadata["template"]["id"]
        .as_str()
        .and_then(|id| set.get(id))
    else {
        return;
    };
    if let Some(texts) = template.i18n.get(&lang) {
        pkg.description = texts.description.clone();
        pkg.metadata["description"] = Value::String(texts.description.clone());
        pkg.metadata["controls"]["keys"] = Value::String(texts.keys.clone());
        pkg.metadata["controls"]["pointer"] = Value::String(texts.pointer.clone());
    }
    let english = pkg.metadata["template"]["params"].clone();
    let mut params = english.clone();
    translate_texts(template, &mut params, set, lang);
    translate_questions(&mut params, set, lang);
    let title = title_in(template, &english, &params, lang);
    if let Some(t) = &title {
        params["title"] = Value::String(t.clone());
    }
    if template.validate(&params).is_err() {
        tracing::warn!(
            template = %template.meta.id,
            lang = %lang,
            "translated parameters do not validate; the English ones are kept"
        );
        return;
    }
    if let Some(t) = title {
        pkg.title = t.clone();
        pkg.metadata["title"] = Value::String(t);
    }
    pkg.metadata["template"]["params"] = params;
}

/// The free-text parameters (as the model's filler sees them: theme, names), except the title.
fn translate_texts(template: &Template, params: &mut Value, set: &TemplateSet, lang: Lang) {
    let gloss = &set.content().gloss;
    for field in fill::fields(&template.schema) {
        let Kind::Text { max, .. } = field.kind else {
            continue;
        };
        if field.path == ["title"] {
            continue;
        }
        let Some(slot) = field
            .path
            .iter()
            .try_fold(&mut *params, |v, k| v.get_mut(k.as_str()))
        else {
            continue;
        };
        if let Some(text) = slot.as_str()
            && let Some(t) = gloss.translate(text, lang)
            && t.chars().count() <= max
        {
            *slot = Value::String(t);
        }
    }
}

/// Questions from the quiz bank, in the bank's translation (the same answer index).
fn translate_questions(params: &mut Value, set: &TemplateSet, lang: Lang) {
    let Some(questions) = params.get_mut("questions").and_then(Value::as_array_mut) else {
        return;
    };
    for q in questions {
        let Some(t) = q["question"]
            .as_str()
            .and_then(|english| set.content().translated_question(lang, english))
        else {
            continue;
        };
        q["question"] = Value::String(t.question.clone());
        q["choices"] = serde_json::json!(t.choices);
    }
}

/// "<the template's name>: <Theme>", or the name alone when the theme is the template's default
/// (the prompt named none); `None` without a translation of the template.
fn title_in(template: &Template, english: &Value, params: &Value, lang: Lang) -> Option<String> {
    let name = &template.i18n.get(&lang)?.title;
    let default_theme = template.defaults()["theme"].clone();
    let themed = english["theme"].as_str() != default_theme.as_str();
    let theme = params["theme"]
        .as_str()
        .filter(|t| themed && !t.trim().is_empty());
    let max = fill::usize_of(&template.schema["properties"]["title"], "maxLength").unwrap_or(60);
    let title = match theme {
        Some(t) => format!("{name}: {}", capitalise(t.trim())),
        None => name.clone(),
    };
    Some(if title.chars().count() <= max {
        title
    } else {
        name.chars().take(max).collect()
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::engines::GenerateInput;
    use crate::local::LocalEngine;

    fn engine() -> LocalEngine {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates");
        LocalEngine::rules_only(TemplateSet::load(&dir).expect("templates"))
    }

    async fn make(prompt: &str) -> Package {
        engine()
            .generate(GenerateInput {
                prompt,
                game_type: None,
                parameters: None,
                difficulty: None,
            })
            .await
            .expect("generated")
            .package
    }

    #[tokio::test]
    async fn a_spanish_prompt_is_read_in_english_and_written_in_spanish() {
        let pkg = make("un juego de serpiente que come estrellas en el espacio").await;
        let m = &pkg.metadata;
        assert_eq!(m["template"]["id"], "snake", "{m:#}");
        assert_eq!(m["language"], "es");
        let engine = engine();
        let es = &engine.templates().get("snake").expect("snake").i18n[&Lang::Es];
        assert_eq!(m["description"], es.description.as_str());
        assert_eq!(m["controls"]["keys"], es.keys.as_str());
        assert!(pkg.title.starts_with(&es.title), "{}", pkg.title);
        assert_eq!(m["title"], pkg.title.as_str());
        // "come estrellas" read as "eat stars" names the food "star", pictures it with the
        // library's star, and the name is written in Spanish.
        assert_eq!(m["template"]["params"]["foodSprite"], "star", "{m:#}");
        assert_eq!(m["template"]["params"]["foodName"], "estrella", "{m:#}");
        let star = &engine
            .templates()
            .content()
            .sprites
            .get("star")
            .expect("a star")
            .rows;
        assert_eq!(m["template"]["params"]["foodArt"], serde_json::json!(star));
        assert_eq!(
            aimini_models::lang::detect(m["description"].as_str().unwrap_or_default()),
            Some(Lang::Es)
        );
    }

    #[tokio::test]
    async fn every_language_gets_its_genre_and_its_texts() {
        for (prompt, lang, template) in [
            ("morpion contre l'ordinateur", Lang::Fr, "tic-tac-toe"),
            ("Vier gewinnt gegen den Computer", Lang::De, "connect-four"),
            (
                "um jogo da velha contra o computador",
                Lang::Pt,
                "tic-tac-toe",
            ),
            ("el ahorcado con nombres de animales", Lang::Es, "hangman"),
        ] {
            let pkg = make(prompt).await;
            assert_eq!(pkg.metadata["template"]["id"], template, "{prompt}");
            assert_eq!(pkg.metadata["language"], lang.code(), "{prompt}");
            let t = engine().templates().get(template).expect("t").i18n[&lang]
                .title
                .clone();
            assert!(pkg.title.starts_with(&t), "{prompt}: {}", pkg.title);
        }
    }

    /// A quiz asked for in German is read as a dinosaur quiz and played with the bank's German
    /// questions: each one the translation of a dinosaur question, with its answer.
    #[tokio::test]
    async fn a_quiz_in_another_language_gets_the_bank_in_that_language() {
        let de = make("mach mir ein Quiz über Dinosaurier mit 5 Fragen").await;
        assert_eq!(de.metadata["template"]["id"], "quiz");
        let asked = de.metadata["template"]["params"]["questions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(asked.len(), 5, "{:#}", de.metadata);
        let engine = engine();
        let content = engine.templates().content();
        let dinosaurs = content.quiz_topic("dinosaurs").expect("topic");
        for q in &asked {
            let source = dinosaurs.questions.iter().find(|en| {
                content
                    .translated_question(Lang::De, &en.question)
                    .is_some_and(|t| q["question"] == t.question.as_str())
            });
            let source = source.unwrap_or_else(|| panic!("not a translated bank question: {q}"));
            assert_eq!(q["answer"], source.answer, "{q}");
        }
        let text: Vec<&str> = asked
            .iter()
            .filter_map(|q| q["question"].as_str())
            .collect();
        assert_eq!(
            aimini_models::lang::detect(&text.join(" ")),
            Some(Lang::De),
            "{text:?}"
        );
    }

    #[tokio::test]
    async fn an_english_prompt_stays_english() {
        let pkg = make("a snake game in space where the snake eats stars").await;
        assert_eq!(pkg.metadata["language"], "en");
        assert_eq!(pkg.metadata["template"]["params"]["foodSprite"], "star");
        // The food the prompt names, not the template's default apple (the texts and the
        // picture agree).
        assert_eq!(pkg.metadata["template"]["params"]["foodName"], "star");
    }
}
