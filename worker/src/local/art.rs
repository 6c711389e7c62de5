//! Pictures for the objects a game names, from the sprite library (`prompts/sprites/`).
//!
//! A template that shows a named object has, next to the name (`foodName`), an optional art
//! parameter (`foodArt`: rows over the library's 16 colours, see `aimini_models::sprites`); a
//! list of names (`symbols`) has one (`symbolsArt`) with a picture per item. Here:
//! - [`name_from_prompt`]: on the rules' side, the objects a prompt names outright become the
//!   names ("a snake that eats stars" names the food "star"), so the texts and the picture agree;
//!   it fills only slots the template pairs unambiguously (one object slot, or the good and the bad
//!   thing of a catcher, told apart by the library's `hazards` tag);
//! - [`apply`]: each name, however it was written (rules, the small model, the client), gets the
//!   picture of what it names, chosen by name and alias first, then by meaning (a [`Chooser`] with
//!   the embedding model). A name with no good picture keeps the template's built-in look: a
//!   wrong picture is worse than a generic one.
//!
//! A client's own art always wins, and a client's name is pictured like any other.

use aimini_models::sprites::{Sprite, SpriteLibrary};
use aimini_models::templates::Template;
use serde_json::{Value, json};

/// One art parameter and the parameter naming what it pictures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub art: String,
    pub name: String,
    /// Whether the name is a list (one picture per item).
    pub list: bool,
}

/// The art slots of a template: top-level properties `<role>Art` paired with `<role>Name`, else
/// with `<role>`.
pub fn slots(schema: &Value) -> Vec<Slot> {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    props
        .iter()
        .filter(|(_, p)| p.get("type").and_then(Value::as_str) == Some("array"))
        .filter_map(|(key, _)| {
            let role = key.strip_suffix("Art")?;
            let name = [format!("{role}Name"), role.to_owned()]
                .into_iter()
                .find(|n| props.contains_key(n))?;
            let list = props[&name].get("type").and_then(Value::as_str) == Some("array");
            Some(Slot {
                art: key.clone(),
                name,
                list,
            })
        })
        .collect()
}

/// Picks a sprite for a name the library does not know by name (embedding similarity).
pub trait Chooser {
    fn choose<'a>(&self, library: &'a SpriteLibrary, name: &str) -> Option<&'a Sprite>;
}

/// No model: names and aliases only.
pub struct ByName;

impl Chooser for ByName {
    fn choose<'a>(&self, _: &'a SpriteLibrary, _: &str) -> Option<&'a Sprite> {
        None
    }
}

fn pick<'a>(library: &'a SpriteLibrary, chooser: &dyn Chooser, name: &str) -> Option<&'a Sprite> {
    library.find(name).or_else(|| chooser.choose(library, name))
}

/// Sets each art parameter from its name (after the client's `overrides`, which are merged
/// later and so read here); returns what was pictured (`foodArt = taco`) for the route reason.
pub fn apply(
    template: &Template,
    library: &SpriteLibrary,
    chooser: &dyn Chooser,
    params: &mut Value,
    overrides: Option<&Value>,
) -> Vec<String> {
    let mut applied = Vec::new();
    if library.is_empty() {
        return applied;
    }
    for slot in slots(&template.schema) {
        if overrides.and_then(|o| o.get(&slot.art)).is_some() {
            continue;
        }
        let name = overrides
            .and_then(|o| o.get(&slot.name))
            .or_else(|| params.get(&slot.name))
            .cloned();
        // The template's own name for its object ("apple", "rocks") keeps its designed look, and
        // "auto" asks the template to choose: only a name someone wrote is pictured.
        let default = template.schema["properties"][&slot.name].get("default");
        if name.is_none() || name.as_ref() == default || name == Some(json!("auto")) {
            continue;
        }
        let chosen: Option<Vec<&Sprite>> = match (&name, slot.list) {
            (Some(Value::String(n)), false) => pick(library, chooser, n).map(|s| vec![s]),
            // Every item pictured or none: a grid of cards half pictures, half words reads as broken.
            (Some(Value::Array(items)), true) => items
                .iter()
                .map(|i| i.as_str().and_then(|n| pick(library, chooser, n)))
                .collect(),
            _ => None,
        };
        let Some(sprites) = chosen else { continue };
        let art = |s: &Sprite| json!(s.rows);
        params[&slot.art] = if slot.list {
            Value::Array(sprites.iter().map(|s| art(s)).collect())
        } else {
            art(sprites[0])
        };
        let names: Vec<&str> = sprites.iter().map(|s| s.name.as_str()).collect();
        applied.push(format!("{} = {}", slot.art, names.join(" ")));
    }
    applied
}

/// Words that name the game itself rather than an object in it ("snake", "mole"): the
/// template's id, title and tags.
fn names_the_game(template: &Template, sprite: &Sprite) -> bool {
    let own: Vec<String> = std::iter::once(template.meta.id.replace('-', " "))
        .chain(std::iter::once(template.meta.title.to_lowercase()))
        .chain(template.meta.tags.iter().cloned())
        .collect();
    std::iter::once(&sprite.name)
        .chain(&sprite.aliases)
        .any(|n| own.iter().any(|o| o == n || o.split(' ').any(|w| w == n)))
}

/// The name parameter's form: plural when its default is ("rocks"), else singular ("apple").
fn form(default: &Value, sprite: &Sprite, typed: &str) -> String {
    let plural = default.as_str().is_some_and(|d| d.ends_with('s'));
    if !plural {
        return sprite.name.clone();
    }
    if typed.ends_with('s') {
        return typed.to_owned();
    }
    sprite
        .aliases
        .iter()
        .find(|a| a.starts_with(sprite.name.as_str()) && a.ends_with('s'))
        .cloned()
        .unwrap_or_else(|| format!("{}s", sprite.name))
}

/// Items for a list of names when the prompt names one of the library's themes ("a memory game
/// with animals", "space memory"): that theme's sprites whose names fit the list's items, as many
/// as the list's default holds, starting at a place the prompt decides (the same prompt, the same
/// cards; another prompt, others).
fn by_tag(library: &SpriteLibrary, prompt: &str, list: &Value) -> Option<Vec<String>> {
    let words = aimini_models::content::tokens(prompt);
    let tags: Vec<&String> = library.all().iter().flat_map(|s| &s.tags).collect();
    let tag = words.iter().find_map(|w| {
        tags.iter()
            .find(|t| t.as_str() == w || t.strip_suffix('s') == Some(w.as_str()))
            .copied()
    })?;
    let item = &list["items"];
    let max_chars = item["maxLength"].as_u64().unwrap_or(8) as usize;
    let fits =
        |n: &str| n.len() <= max_chars && n.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
    let pool: Vec<&Sprite> = library
        .all()
        .iter()
        .filter(|s| s.tags.contains(tag) && fits(&s.name))
        .collect();
    let min = list["minItems"].as_u64().unwrap_or(2) as usize;
    let want = list["default"]
        .as_array()
        .map_or(8, Vec::len)
        .min(list["maxItems"].as_u64().unwrap_or(18) as usize);
    if pool.len() < min.max(2) {
        return None;
    }
    let start = prompt
        .bytes()
        .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
    Some(
        (0..want.min(pool.len()))
            .map(|i| pool[(start + i) % pool.len()].name.to_uppercase())
            .collect(),
    )
}

/// Names the template's object slots after the objects the prompt names (see the module doc);
/// returns the parameters it set, which the small model then keeps.
pub fn name_from_prompt(
    template: &Template,
    library: &SpriteLibrary,
    prompt: &str,
    params: &mut Value,
) -> Vec<String> {
    let (lists, single): (Vec<Slot>, Vec<Slot>) =
        slots(&template.schema).into_iter().partition(|s| s.list);
    let objects: Vec<(&Sprite, String)> = library
        .named_in(prompt)
        .into_iter()
        .filter(|(s, _)| !names_the_game(template, s))
        .collect();
    let hazard = |s: &Sprite| s.tags.iter().any(|t| t == "hazards");
    let assignment: Vec<(&Slot, &(&Sprite, String))> = match single.as_slice() {
        [one] => objects.first().map(|o| (one, o)).into_iter().collect(),
        [a, b] if a.name == "badName" || b.name == "badName" => {
            let (bad, good) = if a.name == "badName" { (a, b) } else { (b, a) };
            let g = objects.iter().find(|(s, _)| !hazard(s)).map(|o| (good, o));
            let h = objects.iter().find(|(s, _)| hazard(s)).map(|o| (bad, o));
            g.into_iter().chain(h).collect()
        }
        _ => Vec::new(),
    };
    let props = &template.schema["properties"];
    let mut named = Vec::new();
    for slot in &lists {
        if let Some(items) = by_tag(library, prompt, &props[&slot.name]) {
            params[&slot.name] = json!(items);
            named.push(slot.name.clone());
        }
    }
    for (slot, (sprite, typed)) in assignment {
        let prop = &props[&slot.name];
        let value = form(&prop["default"], sprite, typed);
        let max = prop["maxLength"].as_u64().unwrap_or(24) as usize;
        if value.chars().count() <= max {
            params[&slot.name] = json!(value);
            named.push(slot.name.clone());
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use aimini_models::templates::TemplateSet;

    use super::*;

    fn set() -> TemplateSet {
        TemplateSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../prompts/templates"))
            .expect("templates load")
    }

    #[test]
    fn art_slots_pair_with_their_names() {
        let set = set();
        let of = |id: &str| slots(&set.get(id).expect("present").schema);
        assert!(
            of("snake")
                .iter()
                .any(|s| s.art == "foodArt" && s.name == "foodName")
        );
        assert!(
            of("whack-a-mole")
                .iter()
                .any(|s| s.art == "creatureArt" && s.name == "creature")
        );
        assert!(
            of("memory-match")
                .iter()
                .any(|s| s.art == "symbolsArt" && s.list)
        );
        assert!(of("quiz").is_empty());
    }

    #[test]
    fn the_named_food_is_named_and_pictured_and_the_game_itself_is_not_an_object() {
        let set = set();
        let snake = set.get("snake").expect("present");
        let lib = &set.content().sprites;
        let mut p = snake.defaults();
        let named = name_from_prompt(snake, lib, "a snake that eats tacos", &mut p);
        assert_eq!(named, ["foodName"]);
        assert_eq!(p["foodName"], "taco");
        let applied = apply(snake, lib, &ByName, &mut p, None);
        assert_eq!(applied, ["foodArt = taco"]);
        assert_eq!(p["foodArt"], json!(lib.get("taco").expect("present").rows));
        snake.validate(&p).expect("pictured parameters are valid");
    }

    #[test]
    fn a_catcher_tells_the_good_thing_from_the_hazard_in_either_order() {
        let set = set();
        let catcher = set.get("catcher").expect("present");
        let lib = &set.content().sprites;
        let mut p = catcher.defaults();
        name_from_prompt(
            catcher,
            lib,
            "dodge the bombs and catch the cupcakes",
            &mut p,
        );
        assert_eq!(
            (p["goodName"].as_str(), p["badName"].as_str()),
            (Some("cupcakes"), Some("bombs"))
        );
    }

    #[test]
    fn client_art_wins_and_unknown_names_keep_the_built_in_look() {
        let set = set();
        let snake = set.get("snake").expect("present");
        let lib = &set.content().sprites;
        let mut p = snake.defaults();
        p["foodName"] = json!("zorblax");
        assert!(apply(snake, lib, &ByName, &mut p, None).is_empty());
        assert_eq!(p["foodArt"], json!([]));
        let mine = json!({"foodName": "taco", "foodArt": vec!["0a0a0a0a"; 8]});
        assert!(apply(snake, lib, &ByName, &mut p, Some(&mine)).is_empty());
        let theirs = json!({"foodName": "pizza"});
        assert_eq!(
            apply(snake, lib, &ByName, &mut p, Some(&theirs)),
            ["foodArt = pizza"]
        );
    }

    #[test]
    fn a_memory_game_of_a_theme_gets_that_themes_pictures() {
        let set = set();
        let memory = set.get("memory-match").expect("present");
        let lib = &set.content().sprites;
        let mut p = memory.defaults();
        assert_eq!(
            name_from_prompt(memory, lib, "a memory game with animals", &mut p),
            ["symbols"]
        );
        let applied = apply(memory, lib, &ByName, &mut p, None);
        let pictured = p["symbolsArt"].as_array().map_or(0, Vec::len);
        assert_eq!(
            pictured,
            p["symbols"].as_array().expect("present").len(),
            "{applied:?}"
        );
        for name in p["symbols"].as_array().expect("present") {
            let s = lib.find(name.as_str().expect("present")).expect("present");
            assert!(s.tags.iter().any(|t| t == "animals"), "{name}");
        }
        memory.validate(&p).expect("valid");
    }

    #[test]
    fn default_and_auto_names_keep_the_templates_own_look() {
        let set = set();
        let lib = &set.content().sprites;
        let snake = set.get("snake").expect("present");
        let mut p = snake.defaults();
        assert!(
            apply(snake, lib, &ByName, &mut p, None).is_empty(),
            "apple is the default"
        );
        let shooter = set.get("space-shooter").expect("present");
        let mut q = shooter.defaults();
        assert_eq!(q["heroName"], "auto");
        assert!(
            apply(shooter, lib, &ByName, &mut q, None).is_empty(),
            "auto is no car"
        );
    }

    #[test]
    fn a_list_is_pictured_only_when_every_item_is() {
        let set = set();
        let memory = set.get("memory-match").expect("present");
        let lib = &set.content().sprites;
        let mut p = memory.defaults();
        p["symbols"] = json!(["CAT", "DOG", "FROG", "PIG"]);
        assert_eq!(
            apply(memory, lib, &ByName, &mut p, None),
            ["symbolsArt = cat dog frog pig"]
        );
        memory.validate(&p).expect("valid");
        let mut q = memory.defaults();
        q["symbols"] = json!(["CAT", "QQQ"]);
        assert!(apply(memory, lib, &ByName, &mut q, None).is_empty());
    }
}
