//! Which of the five languages aimini serves (English, Spanish, French, German, Portuguese) a text is
//! written in.
//!
//! A function-word vote, not a model: every language's most frequent short words ("the", "de", "und",
//! "um") and its letters that the others lack ("ñ", "ß", "ã") are counted, and a language wins only
//! with at least two points and a clear lead over the runner-up. That is what the job needs: prompts
//! and game texts are a handful of words, where n-gram detectors (whatlang, lingua) are at their
//! weakest and a title such as "Star Snake" has no language to find. Such a text answers `None`, and
//! the caller decides what an unmarked text counts as.

use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
    Fr,
    De,
    Pt,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Es, Lang::Fr, Lang::De, Lang::Pt];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Pt => "pt",
        }
    }

    /// The language's English name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Spanish",
            Lang::Fr => "French",
            Lang::De => "German",
            Lang::Pt => "Portuguese",
        }
    }

    /// Frequent words that, among these five languages, point to this one. Words two languages
    /// share ("de", "a", "en", "que") are listed under both: they are votes for either.
    fn words(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                "the", "a", "an", "and", "of", "with", "where", "you", "your", "to", "in", "on",
                "for", "game", "is", "that", "my", "me", "make", "about", "it", "are", "from",
                "who", "can", "some", "play", "like", "kids", "eat", "eats", "avoid", "catch",
                "shoot", "find", "match", "get", "at", "by", "this", "be", "all", "one", "game's",
            ],
            Lang::Es => &[
                "el", "la", "los", "las", "un", "una", "unos", "de", "del", "y", "con", "que",
                "en", "para", "por", "juego", "sobre", "donde", "mi", "hijo", "hija", "es", "al",
                "se", "come", "hazme", "haz", "quiero", "niños", "muy", "como", "su", "sus",
            ],
            Lang::Fr => &[
                "le", "la", "les", "un", "une", "des", "de", "du", "et", "avec", "qui", "que",
                "en", "pour", "sur", "jeu", "où", "mon", "ma", "mes", "est", "au", "aux", "fais",
                "fais-moi", "moi", "je", "veux", "enfants", "dans", "très", "il", "elle",
            ],
            Lang::De => &[
                "der", "die", "das", "ein", "eine", "einen", "einem", "und", "mit", "für", "von",
                "im", "in", "auf", "spiel", "über", "wo", "mein", "meine", "ist", "zu", "den",
                "dem", "mach", "mir", "ich", "will", "kinder", "sehr", "wie", "sich", "nicht",
            ],
            Lang::Pt => &[
                "o",
                "a",
                "os",
                "as",
                "um",
                "uma",
                "de",
                "do",
                "da",
                "dos",
                "das",
                "e",
                "com",
                "que",
                "em",
                "no",
                "na",
                "para",
                "por",
                "jogo",
                "sobre",
                "onde",
                "meu",
                "minha",
                "é",
                "ao",
                "faça",
                "faz",
                "quero",
                "crianças",
                "muito",
                "como",
                "seu",
                "sua",
            ],
        }
    }

    /// Letters only this language (of the five) writes.
    fn letters(self) -> &'static [char] {
        match self {
            Lang::En => &[],
            Lang::Es => &['ñ', '¿', '¡'],
            Lang::Fr => &['è', 'ê', 'ë', 'œ', 'î', 'ï', 'ù', 'û'],
            Lang::De => &['ß', 'ä', 'ö', 'ü'],
            Lang::Pt => &['ã', 'õ'],
        }
    }
}

/// Articles, prepositions, conjunctions and pronouns of `lang`: words that carry no content on their
/// own, so a prompt glossed into English leaves them out ("un juego de serpiente" -> "game snake").
pub fn is_function_word(word: &str, lang: Lang) -> bool {
    let list: &[&str] = match lang {
        Lang::En => &[
            "the", "a", "an", "and", "or", "of", "with", "to", "in", "on", "for", "at", "by", "it",
            "its", "is", "are", "that", "this", "my", "me", "i", "you", "your", "some", "be",
        ],
        Lang::Es => &[
            "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "al", "y", "o",
            "e", "u", "con", "que", "en", "para", "por", "a", "su", "sus", "mi", "mis", "tu",
            "tus", "se", "lo", "le", "les", "me", "te", "nos", "es", "muy", "como", "sin", "sobre",
            "entre", "donde", "cual", "hay",
        ],
        Lang::Fr => &[
            "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "et", "ou", "avec", "qui",
            "que", "qu", "en", "pour", "par", "à", "a", "au", "aux", "sur", "dans", "ce", "cet",
            "cette", "ces", "son", "sa", "ses", "mon", "ma", "mes", "ton", "ta", "tes", "se", "je",
            "tu", "il", "elle", "on", "nous", "vous", "très", "comme", "sans", "est", "où", "y",
        ],
        Lang::De => &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "eines", "und", "oder", "mit", "für", "von", "zu", "zum", "zur", "im", "in", "am",
            "an", "auf", "aus", "bei", "nach", "über", "als", "wie", "sehr", "ist", "sich", "ich",
            "du", "er", "sie", "es", "wir", "ihr", "mein", "meine", "meinen", "dein", "deine",
            "sein", "seine", "wo", "dem", "man",
        ],
        Lang::Pt => &[
            "o", "a", "os", "as", "um", "uma", "uns", "umas", "de", "do", "da", "dos", "das", "e",
            "ou", "com", "que", "em", "no", "na", "nos", "nas", "para", "por", "pelo", "pela",
            "ao", "aos", "à", "às", "seu", "sua", "seus", "suas", "meu", "minha", "se", "me", "te",
            "é", "muito", "como", "sem", "sobre", "onde",
        ],
    };
    list.contains(&word)
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The language `text` is written in, when it says so clearly; `None` for a text too short or too
/// mixed to tell.
pub fn detect(text: &str) -> Option<Lang> {
    let scores = scores(text);
    let mut ranked: Vec<(Lang, u32)> = Lang::ALL.iter().copied().zip(scores).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    let (best, top) = ranked[0];
    let runner_up = ranked[1].1;
    // Two points, and ahead by a third: "a game" (en 2, pt 1) is English, "de la" is not decided
    // between Spanish and French.
    (top >= 2 && top * 3 >= runner_up * 4 && top > runner_up).then_some(best)
}

/// Points per language, in `Lang::ALL` order.
fn scores(text: &str) -> [u32; 5] {
    let lower = text.to_lowercase();
    let mut out = [0u32; 5];
    for word in lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
    {
        for (i, lang) in Lang::ALL.iter().enumerate() {
            if lang.words().contains(&word) {
                out[i] += 1;
            }
        }
    }
    for c in lower.chars() {
        for (i, lang) in Lang::ALL.iter().enumerate() {
            if lang.letters().contains(&c) {
                out[i] += 2;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_requests_are_told_apart() {
        let cases = [
            (
                "a snake game in space where the snake eats stars",
                Some(Lang::En),
            ),
            (
                "un juego de serpiente en el espacio que come estrellas",
                Some(Lang::Es),
            ),
            (
                "un jeu de serpent dans l'espace qui mange des étoiles",
                Some(Lang::Fr),
            ),
            (
                "ein Schlangenspiel im Weltall, die Schlange frisst Sterne",
                Some(Lang::De),
            ),
            (
                "um jogo da cobrinha no espaço que come estrelas",
                Some(Lang::Pt),
            ),
            ("hazme un quiz sobre los dinosaurios", Some(Lang::Es)),
            ("fais-moi un quiz sur les dinosaures", Some(Lang::Fr)),
            ("mach mir ein Quiz über Dinosaurier", Some(Lang::De)),
            (
                "faça um quiz sobre dinossauros para crianças",
                Some(Lang::Pt),
            ),
            ("memory game with the animals of the farm", Some(Lang::En)),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn a_text_without_function_words_has_no_language() {
        for text in ["Star Snake", "Space Invaders", "2048", "", "Tetris!"] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn codes_round_trip_through_serde() {
        for l in Lang::ALL {
            let json = serde_json::to_string(&l).expect("ser");
            assert_eq!(json, format!("\"{}\"", l.code()));
            assert_eq!(serde_json::from_str::<Lang>(&json).expect("de"), l);
        }
    }
}
