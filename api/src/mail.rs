//! Outgoing mail: SMTP (lettre, rustls) when configured, otherwise a development outbox directory with
//! one JSON file per message (tests read it). Message bodies may hold secrets (reset links), so they are
//! never logged: the log line names the kind of mail and where it went.

use std::path::PathBuf;

use aimini_models::config::{MailConfig, SmtpTls};
use anyhow::Context as _;
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// What the mail is for, e.g. `password_reset`; logged instead of the content.
    pub kind: &'static str,
}

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
}

pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

impl Mailer {
    pub fn new(cfg: &MailConfig) -> anyhow::Result<Self> {
        let from: Mailbox = cfg
            .from
            .parse()
            .context("AIMINI_MAIL_FROM is not a valid mailbox")?;
        let transport = match &cfg.smtp {
            Some(smtp) => {
                let mut builder = match smtp.tls {
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)?,
                    SmtpTls::StartTls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)?
                    }
                    SmtpTls::None => {
                        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
                    }
                }
                .port(smtp.port);
                if let (Some(user), Some(pass)) = (&smtp.username, &smtp.password) {
                    builder = builder.credentials(Credentials::new(
                        user.clone(),
                        pass.expose_secret().to_owned(),
                    ));
                }
                Transport::Smtp(builder.build())
            }
            None => Transport::Outbox(cfg.outbox_dir.clone()),
        };
        Ok(Self { from, transport })
    }

    pub async fn send(&self, mail: Email) -> anyhow::Result<()> {
        match &self.transport {
            Transport::Smtp(smtp) => {
                let msg = Message::builder()
                    .from(self.from.clone())
                    .to(mail
                        .to
                        .parse()
                        .context("recipient is not a valid mailbox")?)
                    .subject(&mail.subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.text)?;
                smtp.send(msg).await.context("SMTP delivery failed")?;
                tracing::info!(kind = mail.kind, "mail sent over SMTP");
            }
            Transport::Outbox(dir) => {
                tokio::fs::create_dir_all(dir).await?;
                let name = format!(
                    "{}-{}.json",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"),
                    uuid::Uuid::new_v4().simple()
                );
                let path = dir.join(name);
                let record = serde_json::json!({
                    "from": self.from.to_string(),
                    "to": mail.to,
                    "subject": mail.subject,
                    "text": mail.text,
                    "kind": mail.kind,
                });
                tokio::fs::write(&path, serde_json::to_vec_pretty(&record)?).await?;
                tracing::info!(kind = mail.kind, path = %path.display(), "mail written to the dev outbox (no SMTP configured)");
            }
        }
        Ok(())
    }
}
