//! Honest intent matching for the template route: what kind of game the prompt names, whether a
//! template makes that game, and, when none does, which playable game is closest and how to say so.
//!
//! Embeddings pick the template whose description reads most like the prompt, which is right for
//! themes ("a snake in space") and wrong for genres no template has: a platformer landed on
//! breakout and kept the title "Double Jump", falling blocks landed on tic-tac-toe as "Tetris".
//! Here a genre the prompt names outright wins over similarity: a genre a template serves picks
//! that template; a genre none serves gets the nearest playable one, marked approximate, with the
//! reason in the route reason (the status and `try` show it) and in `metadata.json`
//! (`approximate`), and a title that names the genre asked for is replaced, since the game is not
//! that genre.

use aimini_models::content::spaced;
use aimini_models::templates::{Template, TemplateSet};
use serde_json::json;

use crate::engines::Package;

/// A kind of game people ask for by name.
pub struct Genre {
    pub id: &'static str,
    /// Whole-word phrases (lower case) that name it.
    terms: &'static [&'static str],
    /// The templates that make this game; empty when none does yet.
    serves: &'static [&'static str],
    /// When none serves it: the nearest playable template and what it makes of the request.
    nearest: Option<(&'static str, &'static str)>,
}

/// Genres by name. Order matters only between overlapping terms: the longest match wins.
#[rustfmt::skip]
const GENRES: &[Genre] = &[
    genre("snake", &["snake", "snakes", "nokia snake"], &["snake"]),
    genre("breakout", &["breakout", "brick breaker", "arkanoid", "break the bricks"], &["breakout"]),
    genre("memory", &["memory", "memory match", "matching pairs", "match pairs", "concentration", "flip cards", "card matching"], &["memory-match"]),
    genre("quiz", &["quiz", "trivia", "multiple choice"], &["quiz"]),
    genre("math", &["math", "maths", "arithmetic", "addition", "subtraction", "multiplication", "division", "times tables", "mental math"], &["quick-math"]),
    genre("reaction", &["reaction", "reaction time", "reflex", "reflexes"], &["reaction-timer"]),
    genre("sliding puzzle", &["sliding puzzle", "slide puzzle", "15 puzzle", "8 puzzle", "sliding tiles", "tile puzzle"], &["sliding-puzzle"]),
    genre("tic-tac-toe", &["tic tac toe", "tictactoe", "noughts and crosses", "x and o"], &["tic-tac-toe"]),
    genre("word scramble", &["word scramble", "anagram", "anagrams", "unscramble", "scrambled words", "word jumble"], &["word-scramble"]),
    genre("dodger", &["dodge", "dodger", "dodging", "avoid the"], &["dodger"]),
    genre("platformer", &["platformer", "platform game", "platforming", "jump and run", "double jump", "side scroller", "mario", "super mario"], &["platformer"]),
    genre("falling blocks", &["tetris", "falling blocks", "tetromino", "tetrominoes", "block stacking", "stack the blocks"], &["falling-blocks"]),
    genre("whack-a-mole", &["whack a mole", "whac a mole", "whack the mole", "whack the moles", "whack a", "bonk the"], &["whack-a-mole"]),
    genre("flappy", &["flappy", "flappy bird", "flap through", "flapping", "tap to fly", "helicopter game"], &["flappy"]),
    genre("pong", &["pong", "air hockey", "hockey", "tennis", "table tennis", "ping pong", "paddle ball", "paddle game"], &["pong"]),
    genre("space shooter", &["shooter", "shoot em up", "shmup", "space invaders", "galaga", "bullet hell", "shoot the aliens", "shooting game", "galaxian", "invaders", "alien invasion", "space shooter"], &["space-shooter"]),
    genre("racing", &["racing", "race car", "race cars", "racer", "lane racer", "driving game", "kart", "go kart", "go karts", "car game", "traffic racer"], &["lane-racer"]),
    genre("crossing", &["frogger", "cross the road", "crossing the road", "crosses the road", "crossy road", "road crossing"], &["road-crossing"]),
    genre("maze", &["maze", "labyrinth", "mazes", "escape the maze", "find the way out"], &["maze"]),
    genre("minesweeper", &["minesweeper", "mine sweeper"], &["minesweeper"]),
    genre("2048", &["2048", "merge tiles", "merge numbers", "number merge"], &["number-merge"]),
    genre("match-3", &["match 3", "match three", "candy crush", "bejeweled", "three in a row"], &["match-three"]),
    genre("simon", &["simon says", "simon game", "sequence memory", "repeat the sequence", "repeat the pattern", "follow the pattern", "follow the sequence"], &["simon-says"]),
    genre("hangman", &["hangman", "guess the word", "guess the letters", "guess the letter", "secret word", "hidden word", "word guessing"], &["hangman"]),
    genre("connect four", &["connect four", "connect 4", "four in a row", "4 in a row", "drop the discs"], &["connect-four"]),
    genre("typing", &["typing", "typing race", "type the words", "typing game", "typing tutor", "typing test", "typing of the dead", "touch typing", "wpm", "words per minute"], &["typing-race"]),
    genre("rhythm", &["rhythm", "rhythm game", "tap to the beat", "music game", "dance game", "guitar hero", "beat game", "dance dance", "dance dance revolution", "ddr", "piano tiles", "osu"], &["rhythm-tap"]),
    genre("bubble pop", &["bubble pop", "bubble shooter", "puzzle bobble", "bust a move", "shoot bubbles", "pop the bubbles"], &["bubble-pop"]),
    genre("catch", &["catch the falling", "catching game", "catch falling", "basket catch", "catch the", "egg catcher", "fruit catcher"], &["catcher"]),
    genre("tower defense", &["tower defense", "tower defence", "td game", "bloons", "plants vs zombies", "defend the castle", "defend the base"], &["tower-defense"]),
    unmet("endless runner", &["endless runner", "runner game", "temple run", "subway surfers"], "platformer", "made a platformer: run and jump past the hazards"),
    unmet("asteroids", &["asteroids game", "asteroids arcade"], "space-shooter", "made a space shooter"),
    unmet("pac-man", &["pac man", "pacman"], "maze", "made a maze with collectibles and chasers"),
    unmet("chess", &["chess", "checkers", "draughts"], "connect-four", "made connect four against the computer"),
    unmet("sudoku", &["sudoku", "kakuro", "nonogram"], "number-merge", "made a number puzzle: 2048"),
    unmet("crossword", &["crossword", "word search", "wordsearch", "wordle"], "hangman", "made a word-guessing game: hangman"),
    unmet("card game", &["solitaire", "poker", "blackjack", "uno", "card game"], "memory-match", "made a card-matching memory game"),
    unmet("pinball", &["pinball"], "breakout", "made a paddle-and-ball breakout"),
    unmet("golf", &["mini golf", "golf", "minigolf"], "pong", "made a ball game: pong"),
    unmet("ball sports", &["soccer", "football", "basketball", "volleyball", "baseball"], "pong", "made a paddle-and-ball game: pong"),
    unmet("fighting", &["fighting game", "street fighter", "beat em up", "boxing"], "space-shooter", "made a shooter (no fighting template yet)"),
    unmet("rpg", &["rpg", "role playing", "adventure game", "dungeon crawler", "open world rpg"], "maze", "made a maze adventure"),
    unmet("idle clicker", &["clicker", "idle game", "cookie clicker", "tapper"], "whack-a-mole", "made a tapping game: whack-a-mole"),
    unmet("drawing", &["drawing game", "coloring book", "colouring book"], "memory-match", "made a memory game (no drawing template yet)"),
    unmet("3d", &["3d", "three dimensional", "first person", "fps", "open world", "vr"], "dodger", "made a 2D dodger (games here are 2D)"),
    unmet("online multiplayer", &["online multiplayer", "multiplayer online", "mmo", "play online with friends", "online with friends"], "tic-tac-toe", "made a game to play on one device (online play is not available yet)"),
];

const fn genre(
    id: &'static str,
    terms: &'static [&'static str],
    serves: &'static [&'static str],
) -> Genre {
    Genre {
        id,
        terms,
        serves,
        nearest: None,
    }
}

const fn unmet(
    id: &'static str,
    terms: &'static [&'static str],
    nearest: &'static str,
    made: &'static str,
) -> Genre {
    Genre {
        id,
        terms,
        serves: &[],
        nearest: Some((nearest, made)),
    }
}

/// The genre the prompt names first, by its longest phrase there: "a car racing game dodging
/// traffic" is a racing game (the dodging is part of it), "whack a mole" beats "whack a".
pub fn detect(prompt: &str) -> Option<&'static Genre> {
    let text = spaced(prompt);
    GENRES
        .iter()
        .flat_map(|g| g.terms.iter().map(move |t| (g, *t)))
        .filter_map(|(g, t)| text.find(&format!(" {t} ")).map(|at| (g, at, t.len())))
        .min_by_key(|(_, at, len)| (*at, std::cmp::Reverse(*len)))
        .map(|(g, _, _)| g)
}

/// What the prompt's named genre changes about a pick.
pub enum Verdict<'a> {
    /// No genre named, or the pick makes it: keep the pick.
    Keep,
    /// A template makes the named genre and the pick was another: use it.
    Genre(&'a Template, String),
    /// No template makes it: the nearest playable one, and the honest note.
    Approximate(&'a Template, Approximation),
}

/// A request served by a different kind of game than asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approximation {
    pub requested: &'static str,
    pub made: String,
    /// "no platformer template yet: made a dodger: move to keep clear of what falls"
    pub note: String,
}

/// Checks a pick against the genre the prompt names.
pub fn judge<'a>(templates: &'a TemplateSet, prompt: &str, picked: &Template) -> Verdict<'a> {
    let Some(genre) = detect(prompt) else {
        return Verdict::Keep;
    };
    if genre.serves.contains(&picked.meta.id.as_str()) {
        return Verdict::Keep;
    }
    if let Some(t) = genre.serves.iter().find_map(|id| templates.get(id)) {
        return Verdict::Genre(
            t,
            format!(
                "the prompt names a {} game: template '{}'",
                genre.id, t.meta.id
            ),
        );
    }
    let Some((nearest, made)) = genre.nearest else {
        return Verdict::Keep;
    };
    let Some(t) = templates.get(nearest) else {
        return Verdict::Keep;
    };
    Verdict::Approximate(
        t,
        Approximation {
            requested: genre.id,
            made: t.meta.id.clone(),
            note: format!("no {} template yet: {made}", genre.id),
        },
    )
}

/// The finishing touches of a local package: `metadata.approximate` when the game is not the
/// genre asked for, and a title that never names a genre the game is not ("Tetris" on a
/// tic-tac-toe board becomes "Tic-Tac-Toe"). Returns whether the title was replaced.
pub fn settle(package: &mut Package, template: &Template, approx: Option<&Approximation>) -> bool {
    if let Some(a) = approx {
        package.metadata["approximate"] = json!({
            "requested": a.requested,
            "made": a.made,
            "note": a.note,
        });
    }
    if !names_another_genre(&package.title, &template.meta.id) {
        return false;
    }
    package.title = template.meta.title.clone();
    package.metadata["title"] = json!(package.title);
    true
}

/// Applies [`judge`] to a pick, unless the client chose the template or category itself.
pub fn apply<'a>(
    templates: &'a TemplateSet,
    prompt: &str,
    explicit: bool,
    template: &'a Template,
    reason: String,
) -> (&'a Template, String, Option<Approximation>) {
    if explicit {
        return (template, reason, None);
    }
    match judge(templates, prompt, template) {
        Verdict::Keep => (template, reason, None),
        Verdict::Genre(t, why) => (t, why, None),
        Verdict::Approximate(t, a) => (t, format!("approximate: {}", a.note), Some(a)),
    }
}

/// Whether a title names a genre the template does not make ("Tetris" on a tic-tac-toe board).
pub fn names_another_genre(title: &str, template_id: &str) -> bool {
    let text = spaced(title);
    GENRES
        .iter()
        .filter(|g| !g.serves.contains(&template_id))
        .flat_map(|g| g.terms.iter())
        .any(|t| text.contains(&format!(" {t} ")))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn templates() -> TemplateSet {
        TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
            .expect("templates")
    }

    #[test]
    fn the_first_named_genre_wins_by_its_longest_phrase() {
        assert_eq!(
            detect("a car racing game dodging traffic").map(|g| g.id),
            Some("racing")
        );
        assert_eq!(
            detect("catch the stars but avoid the rocks").map(|g| g.id),
            Some("catch")
        );
        assert_eq!(
            detect("a tetris game with cats").map(|g| g.id),
            Some("falling blocks")
        );
        assert_eq!(
            detect("a memory match with farm animals").map(|g| g.id),
            Some("memory")
        );
        assert_eq!(
            detect("whack-a-mole in a garden").map(|g| g.id),
            Some("whack-a-mole")
        );
        assert!(detect("a cat that jumps over clouds").is_none());
        assert_eq!(
            detect("flappy bird but a penguin").map(|g| g.id),
            Some("flappy")
        );
    }

    #[test]
    fn every_genre_points_at_templates_that_exist() {
        let set = templates();
        for g in GENRES {
            for id in g.serves {
                assert!(set.get(id).is_some(), "{}: {id}", g.id);
            }
            if let Some((id, _)) = g.nearest {
                assert!(set.get(id).is_some(), "{}: {id}", g.id);
            }
            assert_eq!(g.serves.is_empty(), g.nearest.is_some(), "{}", g.id);
        }
    }

    #[test]
    fn a_served_genre_overrides_the_pick_and_an_unserved_one_is_approximate() {
        let set = templates();
        let breakout = set.get("breakout").expect("breakout");
        assert!(matches!(
            judge(&set, "a breakout with candy", breakout),
            Verdict::Keep
        ));
        match judge(&set, "a memory game with farm animals", breakout) {
            Verdict::Genre(t, why) => {
                assert_eq!(t.meta.id, "memory-match");
                assert!(why.contains("memory"), "{why}");
            }
            _ => panic!("a served genre picks its template"),
        }
        match judge(
            &set,
            "an endless runner where a cat collects stars",
            breakout,
        ) {
            Verdict::Approximate(t, a) => {
                assert_eq!(t.meta.id, "platformer");
                assert_eq!(a.requested, "endless runner");
                assert!(
                    a.note
                        .starts_with("no endless runner template yet: made a platformer"),
                    "{}",
                    a.note
                );
            }
            _ => panic!("an unserved genre is approximate"),
        }
    }

    #[test]
    fn titles_that_name_another_genre_are_caught() {
        assert!(names_another_genre("Tetris Time", "tic-tac-toe"));
        assert!(names_another_genre("Double Jump", "breakout"));
        assert!(names_another_genre("Whack-A-Mole", "breakout"));
        assert!(!names_another_genre("Space Snake", "snake"));
        assert!(!names_another_genre("Candy Breakout", "breakout"));
        assert!(!names_another_genre("Starry Night", "dodger"));
    }
}
