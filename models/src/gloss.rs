//! A concept dictionary (`prompts/content/gloss.json`) between English and the four other languages
//! aimini serves, used in both directions by the local engine:
//! - into English: a Spanish, French, German or Portuguese prompt is glossed phrase by phrase into the
//!   English words that intent, directives and the content banks already understand ("un juego de
//!   serpiente que come estrellas" reads "game snake eats stars"), instead of a second copy of every
//!   English rule per language;
//! - out of English: the names and themes the engine chose in English are written in the user's
//!   language ("star" -> "estrella") where the dictionary knows them.
//!
//! A dictionary rather than a translation model: none small enough for the worker's memory budget
//! runs offline here, and the vocabulary of game requests (genres, mechanics, objects, colours,
//! numbers) is small and closed. Words it does not know are kept as they are.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::content::tokens;
use crate::lang::Lang;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    concepts: Vec<Concept>,
}

/// One concept's forms per language; the first form is the canonical one (singular first for
/// nouns, then the plural).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    pub en: Vec<String>,
    pub es: Vec<String>,
    pub fr: Vec<String>,
    pub de: Vec<String>,
    pub pt: Vec<String>,
}

impl Concept {
    fn forms(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
            Lang::Fr => &self.fr,
            Lang::De => &self.de,
            Lang::Pt => &self.pt,
        }
    }
}

/// Where a form sits: its concept and its position among the concept's forms in that language.
#[derive(Debug, Clone, Copy)]
struct Entry {
    concept: usize,
    position: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Gloss {
    concepts: Vec<Concept>,
    /// Per language, a form (words joined by one space) to where it sits.
    forms: HashMap<Lang, HashMap<String, Entry>>,
    /// The most words any form has, per language.
    longest: HashMap<Lang, usize>,
}

impl Gloss {
    /// Reads and checks `path`; a missing file is an empty dictionary (the engine then understands
    /// English only, as before it existed).
    pub fn load(path: &Path) -> Result<Self, String> {
        if !path.is_file() {
            return Ok(Self::default());
        }
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The dictionary from the text of a `gloss.json`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.version != 1 {
            return Err(format!("unknown version {}", file.version));
        }
        Self::new(file.concepts)
    }

    /// Every form of `lang` the dictionary knows (words joined by one space).
    pub fn forms(&self, lang: Lang) -> impl Iterator<Item = &str> {
        self.forms
            .get(&lang)
            .into_iter()
            .flat_map(|f| f.keys().map(String::as_str))
    }

    pub fn new(concepts: Vec<Concept>) -> Result<Self, String> {
        let mut g = Self::default();
        for (ci, c) in concepts.iter().enumerate() {
            for lang in Lang::ALL {
                let forms = c.forms(lang);
                if forms.is_empty() {
                    return Err(format!("concept {:?} has no {lang} form", c.en.first()));
                }
                for (i, form) in forms.iter().enumerate() {
                    let key = tokens(form).join(" ");
                    // Spelling variants (no accents, "ae" for "ä") follow the two canonical
                    // forms: a variant of the plural is a plural.
                    let position = if i >= 2 && forms.len() > 1 && same_word(form, &forms[1]) {
                        1
                    } else if i >= 2 {
                        0
                    } else {
                        i
                    };
                    if key.is_empty() {
                        return Err(format!("concept {:?}: empty {lang} form", c.en.first()));
                    }
                    let words = key.split(' ').count();
                    let longest = g.longest.entry(lang).or_default();
                    *longest = (*longest).max(words);
                    // The first concept to claim a form keeps it: a later duplicate is a data
                    // error the content check reports, never a silent change of meaning.
                    g.forms
                        .entry(lang)
                        .or_default()
                        .entry(key)
                        .or_insert(Entry {
                            concept: ci,
                            position,
                        });
                }
            }
        }
        g.concepts = concepts;
        Ok(g)
    }

    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// The words of `text` with every phrase of `lang` the dictionary knows replaced by its English
    /// form (the plural where the phrase was a plural), longest phrase first; other words are kept,
    /// except `lang`'s function words ("de", "la", "und"), which English rules cannot read.
    pub fn to_english(&self, text: &str, lang: Lang) -> String {
        let words = tokens(text);
        if lang == Lang::En {
            return words.join(" ");
        }
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            match self.longest_match(&words[i..], lang) {
                Some((n, entry)) => {
                    let en = &self.concepts[entry.concept].en;
                    // Position 1 is the plural when the concept has one in both languages.
                    let form = if entry.position == 1 && en.len() > 1 {
                        &en[1]
                    } else {
                        &en[0]
                    };
                    out.push(form.clone());
                    i += n;
                }
                None => {
                    if !crate::lang::is_function_word(&words[i], lang) {
                        out.push(words[i].clone());
                    }
                    i += 1;
                }
            }
        }
        out.join(" ")
    }

    fn longest_match(&self, words: &[String], lang: Lang) -> Option<(usize, Entry)> {
        let forms = self.forms.get(&lang)?;
        let max = self
            .longest
            .get(&lang)
            .copied()
            .unwrap_or(1)
            .min(words.len());
        (1..=max)
            .rev()
            .find_map(|n| forms.get(&words[..n].join(" ")).map(|e| (n, *e)))
    }

    /// The language whose dictionary phrases cover the most words of `text`, when that is not
    /// English and covers more than English does: the fallback for prompts too short for the
    /// function-word vote ("morpion contre l'ordinateur", "Galgenmännchen").
    pub fn guess(&self, text: &str) -> Option<Lang> {
        let words = tokens(text);
        let covered = |lang: Lang| {
            let mut n = 0;
            let mut i = 0;
            while i < words.len() {
                match self.longest_match(&words[i..], lang) {
                    Some((k, _)) => {
                        n += k;
                        i += k;
                    }
                    None => i += 1,
                }
            }
            n
        };
        let english = covered(Lang::En);
        Lang::ALL[1..]
            .iter()
            .map(|&l| (l, covered(l)))
            .filter(|&(_, n)| n > english)
            .max_by_key(|&(_, n)| n)
            .map(|(l, _)| l)
    }

    /// `lang`'s form of an English word or phrase: its plural when `english` is the concept's
    /// English plural and `lang` has one, else its canonical form.
    pub fn from_english(&self, english: &str, lang: Lang) -> Option<&str> {
        let key = tokens(english).join(" ");
        let entry = self.forms.get(&Lang::En)?.get(&key)?;
        let forms = self.concepts[entry.concept].forms(lang);
        let form = if entry.position == 1 && forms.len() > 1 {
            &forms[1]
        } else {
            &forms[0]
        };
        Some(form.as_str())
    }

    /// An English text in `lang`, phrase by phrase (longest first), with the words the dictionary
    /// does not know kept; `None` when it knows none of them.
    pub fn translate(&self, english: &str, lang: Lang) -> Option<String> {
        let words = tokens(english);
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut known = false;
        let mut i = 0;
        while i < words.len() {
            match self.longest_match(&words[i..], Lang::En) {
                Some((n, _)) => {
                    let phrase = words[i..i + n].join(" ");
                    out.push(
                        self.from_english(&phrase, lang)
                            .unwrap_or(&phrase)
                            .to_owned(),
                    );
                    known = true;
                    i += n;
                }
                None => {
                    out.push(words[i].clone());
                    i += 1;
                }
            }
        }
        known.then(|| out.join(" "))
    }
}

/// Whether two spellings are one word written with and without its accents ("étoiles",
/// "etoiles"; "mäuse", "mause", "maeuse").
fn same_word(a: &str, b: &str) -> bool {
    fn fold(s: &str, umlaut_e: bool) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                'ä' | 'ö' | 'ü' if umlaut_e => {
                    out.push(match c {
                        'ä' => 'a',
                        'ö' => 'o',
                        _ => 'u',
                    });
                    out.push('e');
                }
                'à' | 'á' | 'â' | 'ã' | 'ä' => out.push('a'),
                'è' | 'é' | 'ê' | 'ë' => out.push('e'),
                'ì' | 'í' | 'î' | 'ï' => out.push('i'),
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
                'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
                'ç' => out.push('c'),
                'ñ' => out.push('n'),
                'ß' => out.push_str("ss"),
                'œ' => out.push_str("oe"),
                c => out.push(c),
            }
        }
        out
    }
    a == b || fold(a, false) == fold(b, false) || fold(a, true) == fold(b, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept(en: &[&str], es: &[&str], fr: &[&str], de: &[&str], pt: &[&str]) -> Concept {
        let v = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect();
        Concept {
            en: v(en),
            es: v(es),
            fr: v(fr),
            de: v(de),
            pt: v(pt),
        }
    }

    fn small() -> Gloss {
        Gloss::new(vec![
            concept(
                &["snake", "snakes"],
                &["serpiente", "serpientes", "culebra"],
                &["serpent", "serpents"],
                &["schlange", "schlangen"],
                &["cobra", "cobras", "cobrinha"],
            ),
            concept(
                &["star", "stars"],
                &["estrella", "estrellas"],
                &["étoile", "étoiles", "etoile", "etoiles"],
                &["stern", "sterne"],
                &["estrela", "estrelas"],
            ),
            concept(
                &["tic tac toe"],
                &["tres en raya", "tres en línea", "tres en linea"],
                &["morpion"],
                &["tic tac toe", "drei gewinnt"],
                &["jogo da velha"],
            ),
            concept(
                &["game", "games"],
                &["juego", "juegos"],
                &["jeu", "jeux"],
                &["spiel", "spiele"],
                &["jogo", "jogos"],
            ),
        ])
        .expect("valid")
    }

    #[test]
    fn prompts_are_glossed_into_english_longest_phrase_first() {
        let g = small();
        assert_eq!(
            g.to_english("Un juego de serpiente que come estrellas", Lang::Es),
            "game snake come stars"
        );
        assert_eq!(
            g.to_english("tres en línea contra la máquina", Lang::Es),
            "tic tac toe contra máquina"
        );
        assert_eq!(
            g.to_english("un jeu de serpent avec des etoiles", Lang::Fr),
            "game snake stars"
        );
        // "jogo da velha" is one phrase, not "game" + "velha".
        assert_eq!(g.to_english("jogo da velha", Lang::Pt), "tic tac toe");
        assert_eq!(g.to_english("Drei gewinnt", Lang::De), "tic tac toe");
    }

    #[test]
    fn a_short_prompt_is_placed_by_its_dictionary_words() {
        let g = small();
        assert_eq!(g.guess("morpion"), Some(Lang::Fr));
        assert_eq!(g.guess("jogo da velha"), Some(Lang::Pt));
        assert_eq!(g.guess("snake game"), None);
        assert_eq!(g.guess("xyz"), None);
    }

    #[test]
    fn english_names_are_written_in_the_language_keeping_number() {
        let g = small();
        assert_eq!(g.from_english("star", Lang::Es), Some("estrella"));
        assert_eq!(g.from_english("Stars", Lang::Fr), Some("étoiles"));
        assert_eq!(g.from_english("snake", Lang::Pt), Some("cobra"));
        assert_eq!(g.from_english("dragon", Lang::De), None);
        assert_eq!(
            g.translate("space stars", Lang::De).as_deref(),
            Some("space sterne")
        );
        assert_eq!(g.translate("outer space", Lang::De), None);
    }

    #[test]
    fn a_concept_missing_a_language_is_refused() {
        let err = Gloss::new(vec![concept(
            &["cat"],
            &["gato"],
            &[],
            &["katze"],
            &["gato"],
        )])
        .expect_err("no fr");
        assert!(err.contains("no fr form"), "{err}");
    }
}
