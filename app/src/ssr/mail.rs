//! Sending email: through SMTP when a server is configured, otherwise as `.eml` files in a
//! folder (development and tests read them there).
use std::path::PathBuf;

use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};

use crate::{
    domain::lang::Lang,
    i18n::{Arg, t_args},
};

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>),
}

pub struct Outbox {
    transport: Transport,
    from: Mailbox,
    /// Where links in messages point, e.g. `https://samleng.example.org`.
    pub public_url: String,
}

/// One plain-text message.
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

impl Mail {
    /// A message in Khmer, then English (staff may read either), from two Fluent keys; `args`
    /// gives each language its values (links and dates differ by language).
    pub fn in_both_languages(
        to: Vec<String>,
        subject_key: &str,
        body_key: &str,
        args: impl Fn(Lang) -> Vec<(&'static str, Arg)>,
    ) -> Mail {
        let part = |lang: Lang, key: &str| t_args(lang, key, &args(lang));
        Mail {
            to,
            subject: format!(
                "{} / {}",
                part(Lang::Km, subject_key),
                part(Lang::En, subject_key)
            ),
            body: format!(
                "{}\n\n----\n\n{}\n",
                part(Lang::Km, body_key),
                part(Lang::En, body_key)
            ),
        }
    }
}

impl Outbox {
    /// SMTP when `smtp_url` is given (`smtps://user:password@host`), else the folder.
    /// The error is a message for the operator.
    pub fn new(
        smtp_url: Option<&str>,
        folder: PathBuf,
        from: &str,
        public_url: &str,
    ) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("SAMLENG_MAIL_FROM is not an address: {e}"))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("SAMLENG_SMTP_URL: {e}"))?
                    .build(),
            ),
            None => {
                std::fs::create_dir_all(&folder)
                    .map_err(|e| format!("cannot make {}: {e}", folder.display()))?;
                Transport::Folder(AsyncFileTransport::new(folder))
            }
        };
        Ok(Self {
            transport,
            from,
            public_url: public_url.trim_end_matches('/').to_string(),
        })
    }

    /// Sends one message to every address in `to` (each sees only their own address).
    pub async fn send(&self, mail: &Mail) -> Result<(), String> {
        for to in &mail.to {
            let to: Mailbox = to.parse().map_err(|e| format!("{e}"))?;
            let message = Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(mail.subject.clone())
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body.clone())
                .map_err(|e| e.to_string())?;
            match &self.transport {
                Transport::Smtp(smtp) => smtp
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Transport::Folder(folder) => folder
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            }?;
        }
        Ok(())
    }
}
