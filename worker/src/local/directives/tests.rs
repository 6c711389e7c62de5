use std::path::Path;

use aimini_models::templates::TemplateSet;
use serde_json::json;

use super::*;

fn set() -> TemplateSet {
    TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
        .expect("templates")
}

/// The template's defaults with the prompt's directives applied, and what was applied.
fn directed(id: &str, prompt: &str) -> (Value, Applied) {
    let set = set();
    let t = set.get(id).expect("template");
    let mut params = t.defaults();
    let applied = apply(t, prompt, &mut params);
    t.validate(&params)
        .unwrap_or_else(|e| panic!("{id}: {prompt:?} made invalid parameters: {e:?}"));
    (params, applied)
}

#[test]
fn counts_land_on_the_property_their_noun_names() {
    let (p, applied) = directed("breakout", "breakout with 5 lives and ten levels");
    assert_eq!(
        (p["lives"].clone(), p["levels"].clone()),
        (json!(5), json!(10))
    );
    assert_eq!(applied, ["lives = 5", "levels = 10"]);
    let (p, _) = directed(
        "dodger",
        "survive the meteor shower for 60 seconds with 2 extra lives",
    );
    assert_eq!(
        (p["winSeconds"].clone(), p["lives"].clone()),
        (json!(60), json!(2))
    );
    let (p, _) = directed("dodger", "dodge rocks for 2 minutes");
    assert_eq!(p["winSeconds"], 120);
    let (p, _) = directed("snake", "a snake game with 12 obstacles");
    assert_eq!(p["obstacles"], 12);
    let (p, _) = directed("reaction-timer", "test my reflexes over 8 rounds");
    assert_eq!(p["rounds"], 8);
}

#[test]
fn numbers_are_clamped_to_the_schema_and_enums_round_up() {
    let (p, applied) = directed("breakout", "breakout with 100 lives");
    assert_eq!(p["lives"], 5, "the schema's maximum");
    assert_eq!(applied, ["lives = 5"]);
    let (p, _) = directed("tic-tac-toe", "tic tac toe best of 4");
    assert_eq!(p["best_of"], 5, "the nearest allowed value at or above");
    let (p, _) = directed("tic-tac-toe", "tic tac toe best of 20");
    assert_eq!(p["best_of"], 9);
}

#[test]
fn grids_and_upper_bounds() {
    let (p, _) = directed("memory-match", "a memory game on a 6x4 grid");
    assert_eq!(
        (p["grid"]["columns"].clone(), p["grid"]["rows"].clone()),
        (json!(6), json!(4))
    );
    let (p, _) = directed("sliding-puzzle", "a 3 by 3 sliding puzzle");
    assert_eq!(p["size"], 3);
    let (p, _) = directed("snake", "snake on a 20 x 20 board");
    assert_eq!(p["gridSize"], 20);
    let (p, _) = directed("quick-math", "times tables up to 12");
    assert_eq!(p["maxNumber"], 12);
    assert_eq!(p["operations"], json!(["multiply"]));
}

#[test]
fn options_the_prompt_names_are_chosen() {
    let (p, _) = directed(
        "quick-math",
        "mental arithmetic with multiplication and division",
    );
    assert_eq!(p["operations"], json!(["multiply", "divide"]));
    let (p, _) = directed(
        "tic-tac-toe",
        "tic tac toe against a computer that is hard to beat",
    );
    assert_eq!(p["ai_level"], "hard");
    let (p, _) = directed("tic-tac-toe", "tic tac toe for little kids");
    assert_eq!(p["ai_level"], "easy");
    let (p, _) = directed("snake", "a snake game in space where the snake eats stars");
    assert_eq!(p["foodSprite"], "star");
    let (p, _) = directed("dodger", "dodge the asteroids and collect coins");
    assert_eq!(
        (
            p["obstacleStyle"].clone(),
            p["collectibles"]["style"].clone()
        ),
        (json!("asteroid"), json!("coin"))
    );
    let (p, _) = directed("sliding-puzzle", "a sliding puzzle of a sunset picture");
    assert_eq!(p["tiles"], "picture");
}

#[test]
fn what_is_not_a_choice_is_left_alone() {
    let set = set();
    let t = set.get("tic-tac-toe").expect("template");
    // Two levels named: no single choice. "the player" is not the first-turn option.
    let (p, applied) = directed(
        "tic-tac-toe",
        "tic tac toe that goes from easy to hard where the player starts",
    );
    assert_eq!(p["ai_level"], t.defaults()["ai_level"]);
    assert_eq!(p["first_turn"], t.defaults()["first_turn"]);
    assert!(applied.is_empty(), "{applied:?}");
    // A dark forest is a setting, not a palette; a 2048 game has no 2048 of anything.
    let (_, applied) = directed("snake", "a snake in a dark forest");
    assert!(applied.is_empty(), "{applied:?}");
    let (_, applied) = directed("breakout", "a 2048 game");
    assert!(applied.is_empty(), "{applied:?}");
}

#[test]
fn colours_moods_and_contrast() {
    let (p, applied) = directed("memory-match", "a pastel memory game");
    assert_eq!(p["palette"]["background"], "#fdf2f8");
    assert_eq!(applied, ["palette = pastel"]);
    let (p, _) = directed("snake", "a pink snake eating yellow stars");
    assert_eq!(
        (
            p["palette"]["primary"].clone(),
            p["palette"]["accent"].clone()
        ),
        (json!("#f472b6"), json!("#facc15"))
    );
    // On a light background a named colour is darkened so it stays visible.
    let (p, _) = directed(
        "breakout",
        "breakout with a white background and red bricks",
    );
    assert_eq!(p["palette"]["background"], "#ffffff");
    assert_eq!(p["palette"]["primary"], darken("#f87171"));
    assert!(luminance(p["palette"]["primary"].as_str().expect("hex")) < 0.5);
    let (p, _) = directed("dodger", "dodger with dark colours");
    assert_eq!(p["palette"]["background"], "#0a0a0f");
}

#[test]
fn every_template_stays_valid_under_every_kind_of_directive() {
    let prompts = [
        "with 0 lives, 999 rounds, 50 levels, 1000 seconds, a 1x99 grid, best of 100, up to 9999",
        "pastel, white background, pink and purple and green, hard to beat, for little kids",
        "twenty waves of 7 mines, 3 colors, 2 players, first to 99, 15 lanes",
    ];
    let set = set();
    for t in set.all() {
        for prompt in prompts {
            let mut params = t.defaults();
            apply(t, prompt, &mut params);
            t.validate(&params)
                .unwrap_or_else(|e| panic!("{}: {prompt:?}: {e:?}", t.meta.id));
        }
    }
}
