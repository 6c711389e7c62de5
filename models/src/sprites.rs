//! The sprite library (`prompts/sprites/*.json`): named pixel-art pictures with tags, drawn by the
//! templates in place of their built-in looks when a prompt names an object ("a snake that eats
//! tacos" shows tacos).
//!
//! Why a fixed 16-colour palette (PICO-8, `palette.json`): a row of text is then one character per
//! pixel and the art is readable and reviewable in the JSON, the same rows are valid template
//! parameters (`foodArt`, checked by a schema pattern), and a package stays self-contained (the
//! game carries the picture in its parameters, not a reference to a library that may change).
//!
//! This module loads and checks the library and finds sprites by name: the exact name or alias,
//! the phrase's head word ("rotten apples" is an apple), simple English plurals. Choosing by
//! meaning ("doughnuts", "kitties" when only "donut" and "cat" exist) is the worker's, which has
//! the embedding model.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

/// One picture of the library.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sprite {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
    /// One string per pixel row: `.` transparent, `0`-`9`/`a`-`f` the palette's colours.
    pub rows: Vec<String>,
}

impl Sprite {
    /// What the embedding model reads for this sprite: its name, aliases and tags.
    pub fn description(&self) -> String {
        let mut words = vec![self.name.clone()];
        words.extend(self.aliases.iter().take(4).cloned());
        format!("{} ({})", words.join(", "), self.tags.join(", "))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    sprites: Vec<Sprite>,
}

#[derive(Deserialize)]
struct Palette {
    tags: Vec<String>,
    #[serde(default)]
    not_objects: Vec<String>,
}

/// Every sprite, and each name and alias to its sprite.
#[derive(Debug, Clone, Default)]
pub struct SpriteLibrary {
    sprites: Vec<Sprite>,
    by_word: HashMap<String, usize>,
    /// Words that picture a sprite when a game's object is called that ("lives" on a catcher), but
    /// that a prompt uses for other things ("3 lives"): [`Self::named_in`] does not read them.
    not_objects: std::collections::HashSet<String>,
}

/// The bounds the templates' art parameters accept (`^[.0-9a-f]{8,16}$`, at most 16 rows).
const MIN_SIDE: usize = 8;
const MAX_SIDE: usize = 16;

impl SpriteLibrary {
    /// Reads `<dir>/*.json` (but `palette.json`) in name order; a missing directory is an empty
    /// library, a malformed file or sprite an error naming it.
    pub fn load(dir: &Path) -> Result<Self, String> {
        if !dir.is_dir() {
            return Ok(Self::default());
        }
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
        };
        let palette: Palette = serde_json::from_str(&read(&dir.join("palette.json"))?)
            .map_err(|e| format!("sprites/palette.json: {e}"))?;
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && p.file_name().is_some_and(|n| n != "palette.json")
            })
            .collect();
        files.sort();
        let mut library = Self {
            not_objects: palette.not_objects.into_iter().collect(),
            ..Self::default()
        };
        for path in files {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let file: File =
                serde_json::from_str(&read(&path)?).map_err(|e| format!("sprites/{name}: {e}"))?;
            for sprite in file.sprites {
                check(&sprite, &palette.tags).map_err(|e| format!("sprites/{name}: {e}"))?;
                library
                    .insert(sprite)
                    .map_err(|e| format!("sprites/{name}: {e}"))?;
            }
        }
        Ok(library)
    }

    fn insert(&mut self, sprite: Sprite) -> Result<(), String> {
        let index = self.sprites.len();
        for word in std::iter::once(&sprite.name).chain(&sprite.aliases) {
            if let Some(&other) = self.by_word.get(word) {
                return Err(format!(
                    "'{word}' names both '{}' and '{}'",
                    self.sprites[other].name, sprite.name
                ));
            }
            self.by_word.insert(word.clone(), index);
        }
        self.sprites.push(sprite);
        Ok(())
    }

    pub fn all(&self) -> &[Sprite] {
        &self.sprites
    }

    pub fn is_empty(&self) -> bool {
        self.sprites.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&Sprite> {
        self.by_word.get(name).map(|&i| &self.sprites[i])
    }

    /// The sprite a word names: its name or an alias, else the word with an English plural
    /// ending taken off ("tomatoes", "cherries", "stars").
    fn word(&self, word: &str) -> Option<usize> {
        if let Some(&i) = self.by_word.get(word) {
            return Some(i);
        }
        let stems = [
            word.strip_suffix("ies").map(|s| format!("{s}y")),
            word.strip_suffix("es").map(str::to_owned),
            word.strip_suffix('s').map(str::to_owned),
        ];
        stems
            .into_iter()
            .flatten()
            .filter(|s| s.len() >= 2)
            .find_map(|s| self.by_word.get(&s).copied())
    }

    /// The sprite a short name names ("taco", "rotten apples", "big red fire trucks"): the whole
    /// phrase, then its last two words, then its words from the last (the head of an English
    /// noun phrase) to the first.
    pub fn find(&self, phrase: &str) -> Option<&Sprite> {
        let words = crate::content::tokens(phrase);
        if words.is_empty() {
            return None;
        }
        let whole = words.join(" ");
        let pair = (words.len() >= 2).then(|| words[words.len() - 2..].join(" "));
        std::iter::once(whole)
            .chain(pair)
            .chain(words.iter().rev().cloned())
            .find_map(|w| self.word(&w))
            .map(|i| &self.sprites[i])
    }

    /// The objects a text names, in the order it names them, each with the words that named it
    /// ("a snake eating tacos and ice creams" -> snake, taco ("tacos"), ice cream ("ice creams")).
    /// Two-word names are read before single words, so "hot dogs" is not a dog.
    pub fn named_in(&self, text: &str) -> Vec<(&Sprite, String)> {
        let words = crate::content::tokens(text);
        let mut out: Vec<(&Sprite, String)> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let pair = (i + 1 < words.len()).then(|| format!("{} {}", words[i], words[i + 1]));
            let object = |w: &str| {
                (!self.not_objects.contains(w))
                    .then(|| self.word(w))
                    .flatten()
            };
            let (found, used) = match pair.as_deref().and_then(|p| object(p).map(|s| (s, p))) {
                Some((s, p)) => (Some(s), p.to_owned()),
                None => (object(&words[i]), words[i].clone()),
            };
            i += used.split(' ').count();
            if let Some(s) = found
                && !out
                    .iter()
                    .any(|(seen, _)| seen.name == self.sprites[s].name)
            {
                out.push((&self.sprites[s], used));
            }
        }
        out
    }
}

fn check(s: &Sprite, tags: &[String]) -> Result<(), String> {
    let at = &s.name;
    let name_ok = |n: &str| {
        (2..=24).contains(&n.len())
            && n.bytes()
                .all(|b| b.is_ascii_lowercase() || b == b' ' || b == b'-')
    };
    if let Some(bad) = std::iter::once(&s.name)
        .chain(&s.aliases)
        .find(|n| !name_ok(n))
    {
        return Err(format!(
            "{at}: '{bad}' is not a lower-case name of 2-24 letters"
        ));
    }
    if s.tags.is_empty() || s.tags.iter().any(|t| !tags.contains(t)) {
        return Err(format!("{at}: tags must be 1 or more of palette.json's"));
    }
    let width = s.rows.first().map_or(0, String::len);
    if !(MIN_SIDE..=MAX_SIDE).contains(&s.rows.len()) || !(MIN_SIDE..=MAX_SIDE).contains(&width) {
        return Err(format!(
            "{at}: {MIN_SIDE}-{MAX_SIDE} rows of {MIN_SIDE}-{MAX_SIDE} pixels"
        ));
    }
    let pixel = |b: u8| b == b'.' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if s.rows
        .iter()
        .any(|r| r.len() != width || !r.bytes().all(pixel))
    {
        return Err(format!("{at}: rows of equal width over '.', 0-9 and a-f"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> SpriteLibrary {
        SpriteLibrary::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/sprites"))
            .expect("the sprite library loads")
    }

    #[test]
    fn the_library_has_150_sprites_over_the_themes_people_ask_for() {
        let lib = library();
        assert!(lib.all().len() >= 150, "{} sprites", lib.all().len());
        for tag in [
            "animals", "food", "space", "vehicles", "sports", "fantasy", "school",
        ] {
            let n = lib
                .all()
                .iter()
                .filter(|s| s.tags.iter().any(|t| t == tag))
                .count();
            assert!(n >= 5, "{n} sprites tagged {tag}");
        }
    }

    #[test]
    fn names_find_their_sprite_by_alias_plural_and_head_word() {
        let lib = library();
        let name = |p: &str| lib.find(p).map(|s| s.name.as_str());
        assert_eq!(name("taco"), Some("taco"));
        assert_eq!(name("Tacos"), Some("taco"));
        assert_eq!(name("cherries"), Some("cherry"));
        assert_eq!(name("rotten apples"), Some("apple"));
        assert_eq!(name("big scary spiders"), Some("spider"));
        assert_eq!(name("hot dogs"), Some("hot dog"));
        assert_eq!(name("qwertyuiop"), None);
        assert_eq!(name(""), None);
    }

    #[test]
    fn a_text_names_its_objects_in_order_two_word_names_first() {
        let lib = library();
        let named: Vec<&str> = lib
            .named_in("a snake eating hot dogs and tacos, then more tacos")
            .into_iter()
            .map(|(s, _)| s.name.as_str())
            .collect();
        assert_eq!(named, ["snake", "hot dog", "taco"]);
        let generic = lib.named_in("a party game with 3 lives, boys vs girls, against the clock");
        assert!(
            generic.is_empty(),
            "{:?}",
            generic.iter().map(|(s, _)| &s.name).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_broken_sprite_is_refused_with_its_name() {
        let bad = Sprite {
            name: "blob".into(),
            aliases: vec![],
            tags: vec!["animals".into()],
            rows: vec!["..xx....".into(); 8],
        };
        let err = check(&bad, &["animals".into()]).expect_err("refused");
        assert!(err.contains("blob"), "{err}");
        let small = Sprite {
            rows: vec!["0000".into(); 4],
            ..bad
        };
        assert!(check(&small, &["animals".into()]).is_err());
    }
}
