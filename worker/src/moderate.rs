//! `ModerateContentJob`: the automatic review of every generated game. Texts the player will see and
//! the prompt that asked for them go through rustrict (a maintained profanity/abuse filter that also
//! catches obfuscated spellings). A flagged game stays non-public with status `moderated`.

use aimini_models::moderation::{self, Subject};
use aimini_models::notify::{self, Notification};
use rustrict::{CensorStr, Type};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::pipeline::Pipeline;

/// Named texts a player will see, plus the prompt: title, description and every parameter string.
pub fn texts(
    title: &str,
    description: Option<&str>,
    prompt: Option<&str>,
    params: &Value,
) -> Vec<(String, String)> {
    fn walk(path: String, v: &Value, out: &mut Vec<(String, String)>) {
        match v {
            Value::String(t) => out.push((path, t.clone())),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(format!("{path}[{i}]"), item, out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    walk(format!("{path}.{k}"), item, out);
                }
            }
            _ => {}
        }
    }
    let mut out = vec![("title".to_owned(), title.to_owned())];
    if let Some(p) = prompt {
        out.push(("prompt".to_owned(), p.to_owned()));
    }
    if let Some(d) = description {
        out.push(("description".to_owned(), d.to_owned()));
    }
    walk("parameters".into(), params, &mut out);
    out
}

fn subject_texts(s: &Subject) -> Vec<(String, String)> {
    texts(
        &s.title,
        s.description.as_deref(),
        s.prompt.as_deref(),
        &s.game_data["metadata"]["template"]["params"],
    )
}

/// The fields that fail the filter.
pub fn flagged(items: &[(String, String)]) -> Vec<String> {
    items
        .iter()
        .filter(|(_, text)| text.as_str().is(Type::INAPPROPRIATE))
        .map(|(name, _)| name.clone())
        .collect()
}

pub async fn run(p: &Pipeline, moderation_id: Uuid) -> anyhow::Result<&'static str> {
    let Some(subject) = moderation::pending_subject(&p.db, moderation_id).await? else {
        return Ok("duplicate");
    };
    let bad = flagged(&subject_texts(&subject));
    let approved = bad.is_empty();
    let details = if approved {
        "automatic review: no problems found".to_owned()
    } else {
        format!("automatic review flagged: {}", bad.join(", "))
    };
    if !moderation::decide(&p.db, &subject, approved, &details).await? {
        return Ok("duplicate");
    }
    if let Some(user_id) = sqlx::query_scalar!(
        "SELECT creator_id FROM games WHERE id = $1",
        subject.game_id
    )
    .fetch_optional(&p.db)
    .await?
    {
        let n = Notification {
            user_id,
            kind: "game.moderated".into(),
            data: json!({"game_id": subject.game_id, "status": if approved { "approved" } else { "rejected" }}),
        };
        notify::publish(&mut p.redis.clone(), &p.config.redis.key_prefix, &n).await;
    }
    tracing::info!(%moderation_id, game_id = %subject.game_id, approved, "game reviewed");
    Ok(if approved { "approved" } else { "rejected" })
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
        ];
        let bad = flagged(&items);
        assert!(bad.contains(&"prompt".to_owned()), "{bad:?}");
        assert!(!bad.contains(&"title".to_owned()));
        assert!(
            !bad.contains(&"parameters.words[1]".to_owned()),
            "no Scunthorpe problem: {bad:?}"
        );
    }
}
