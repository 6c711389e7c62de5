//! `ModerateContentJob`: the automatic review of every generated game and version. Texts the
//! player will see and the prompt that asked for them go through [`crate::scan::review`]; games the
//! model wrote (no template) have their code's string literals reviewed as well, since that is
//! where their on-screen text lives. A flagged game stays non-public with status `moderated`.

use aimini_models::jobs::ModerateContentJob;
use aimini_models::moderation::{self, Subject};
use aimini_models::notify::{self, Notification};
use serde_json::json;
use uuid::Uuid;

use crate::ctx::Ctx;
use crate::jobs::Job;
use crate::scan::{Review, code_strings, review, texts};

impl Job for ModerateContentJob {
    const QUEUE: &'static str = ModerateContentJob::QUEUE;
    const SHORT: &'static str = "mod";

    fn id(&self) -> Uuid {
        self.moderation_id
    }

    async fn handle(self, ctx: &Ctx) -> anyhow::Result<&'static str> {
        run(ctx, self.moderation_id).await
    }
}

fn subject_texts(s: &Subject, code: Option<&str>) -> Vec<(String, String)> {
    let mut items = texts(
        &s.title,
        s.description.as_deref(),
        s.prompt.as_deref(),
        &s.game_data.metadata.start_params(),
    );
    if let Some(code) = code {
        items.extend(
            code_strings(code)
                .into_iter()
                .enumerate()
                .map(|(i, t)| (format!("logic.js string {}", i + 1), t)),
        );
    }
    items
}

/// A model-written game's code (template code is ours and reviewed already).
async fn model_code(p: &Ctx, s: &Subject) -> anyhow::Result<Option<String>> {
    if s.game_data.metadata.is_templated() {
        return Ok(None);
    }
    let Some(key) = s.game_data.key("logic.js") else {
        return Ok(None);
    };
    let obj = p.storage.get(&key).await?;
    Ok(obj.map(|o| String::from_utf8_lossy(&o.bytes).into_owned()))
}

async fn run(p: &Ctx, moderation_id: Uuid) -> anyhow::Result<&'static str> {
    let Some(subject) = moderation::pending_subject(&p.db, moderation_id).await? else {
        return Ok("duplicate");
    };
    let code = model_code(p, &subject).await?;
    let Review { approved, details } = review(
        p.engines.openai.as_ref(),
        &subject_texts(&subject, code.as_deref()),
    )
    .await;
    if !moderation::decide(&p.db, &subject, approved, &details).await? {
        return Ok("duplicate");
    }
    // A verdict changes what lists show (approved: listed; rejected: gone).
    aimini_models::catalogue::bump(&mut p.redis.clone(), &p.config.redis.key_prefix).await;
    if let Some(user_id) = aimini_models::games::creator_of(&p.db, subject.game_id).await? {
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
