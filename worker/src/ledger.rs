//! The quota ledger as the OpenAI engine's [`TokenBudget`]: each call reserves under a lock on the
//! user, keyed by (request id, purpose), so a re-delivered job re-uses its reservation rather than
//! charging twice.

use std::collections::HashMap;
use std::sync::Mutex;

use aimini_models::Config;
use aimini_models::generation::GenerationRow;
use aimini_models::quota::{self, Ask, MonthUsage, Reservation};
use sqlx::PgPool;
use uuid::Uuid;

use crate::engines::{Grant, TokenBudget, TokenUsage};
use crate::openai::MIN_OUTPUT_TOKENS;
use crate::router::Metered;
use futures::future::BoxFuture;

/// The quota ledger as a [`TokenBudget`] for one request.
pub struct LedgerBudget<'a> {
    db: &'a PgPool,
    config: &'a Config,
    user_id: Uuid,
    request_id: Uuid,
    model: String,
    /// Ledger row per purpose, once reserved.
    rows: Mutex<HashMap<&'static str, i64>>,
}

impl<'a> LedgerBudget<'a> {
    pub fn new(db: &'a PgPool, config: &'a Config, req: &GenerationRow) -> Self {
        Self {
            db,
            config,
            user_id: req.user_id,
            request_id: req.id,
            model: config
                .openai
                .as_ref()
                .map(|o| o.model.clone())
                .unwrap_or_default(),
            rows: Mutex::new(HashMap::new()),
        }
    }

    fn row(&self, purpose: &'static str) -> Option<i64> {
        self.rows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(purpose)
            .copied()
    }
}

impl TokenBudget for LedgerBudget<'_> {
    fn reserve(
        &self,
        purpose: &'static str,
        prompt_estimate: u32,
        max_output: u32,
    ) -> BoxFuture<'_, anyhow::Result<Grant>> {
        Box::pin(self.reserve_now(purpose, prompt_estimate, max_output))
    }

    fn settle(
        &self,
        purpose: &'static str,
        usage: TokenUsage,
    ) -> BoxFuture<'_, anyhow::Result<()>> {
        Box::pin(async move {
            if let Some(id) = self.row(purpose) {
                quota::settle(self.db, id, usage.prompt, usage.completion).await?;
            }
            Ok(())
        })
    }

    fn release(&self, purpose: &'static str) -> BoxFuture<'_, anyhow::Result<()>> {
        Box::pin(async move {
            if let Some(id) = self.row(purpose) {
                quota::release(self.db, id).await?;
            }
            Ok(())
        })
    }
}

impl LedgerBudget<'_> {
    async fn reserve_now(
        &self,
        purpose: &'static str,
        prompt_estimate: u32,
        max_output: u32,
    ) -> anyhow::Result<Grant> {
        let ask = Ask {
            user_id: self.user_id,
            request_id: self.request_id,
            purpose,
            model: &self.model,
            prompt_estimate,
            max_output,
            min_output: MIN_OUTPUT_TOKENS,
        };
        Ok(
            match quota::reserve(self.db, ask, &self.config.quotas).await? {
                Reservation::Granted {
                    ledger_id,
                    max_completion,
                    reserved,
                    ..
                } => {
                    tracing::info!(request_id = %self.request_id, purpose, reserved, max_completion, "tokens reserved");
                    self.rows
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .insert(purpose, ledger_id);
                    Grant::Granted { max_completion }
                }
                Reservation::Exhausted(month) => {
                    Grant::Denied(format!("monthly OpenAI budget used: {month}"))
                }
            },
        )
    }
}

impl Metered for LedgerBudget<'_> {
    async fn month(&self) -> anyhow::Result<Option<MonthUsage>> {
        Ok(quota::month_usage(self.db, self.user_id, &self.config.quotas).await?)
    }
}
