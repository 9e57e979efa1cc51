//! Email: the settings, the letters (in the reader's language, [`letters`]) and the
//! mailer. With `FOCUS_SMTP_URL` and `FOCUS_SMTP_FROM` set, letters go out by SMTP
//! (`lettre`, TLS with `smtps://` or `?tls=required`); without them (the embedded
//! default) nothing is sent and each letter's link is written to the log at info level
//! for the person running the server.
//!
//! Letters are sent on their own task ([`Mailer::send_later`]): a request never waits for
//! (or times the work of) an SMTP server, so how fast a form answers says nothing about
//! which letter, if any, was sent.

pub mod letters;

use crate::domain::preferences::Language;
use crate::server::config::{invalid, ConfigError, Secret};
use letters::Letter;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// The setting names this module reads.
pub const KEYS: [&str; 2] = ["smtp_url", "smtp_from"];

/// SMTP settings.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `smtp://host:port` (no TLS), `smtp://user:pass@host:587?tls=required` (STARTTLS)
    /// or `smtps://user:pass@host:465` (TLS).
    pub smtp_url: Secret,
    /// The sender, e.g. `Focus Squad <hello@focus.example>`.
    pub from: String,
    /// Where links in letters point (the public URL).
    pub public_url: String,
}

/// Reads the mail settings through `get` (name → (source, trimmed value)); the public URL
/// is needed for the links letters carry.
pub fn parse_config<'a>(
    get: &impl Fn(&str) -> Option<(&'a str, &'a str)>,
    public_url: Option<&str>,
) -> Result<Option<MailConfig>, ConfigError> {
    let (url, from) = match (get("smtp_url"), get("smtp_from")) {
        (None, None) => return Ok(None),
        (Some((src, _)), None) => {
            return Err(invalid(
                src,
                "needs FOCUS_SMTP_FROM too (the sender's address)",
            ))
        }
        (None, Some((src, _))) => {
            return Err(invalid(src, "needs FOCUS_SMTP_URL too (the SMTP server)"))
        }
        (Some(url), Some(from)) => (url, from),
    };
    if !(url.1.starts_with("smtp://") || url.1.starts_with("smtps://")) {
        return Err(invalid(
            url.0,
            "expected smtp://host:port, smtp://user:pass@host:587?tls=required or smtps://user:pass@host:465",
        ));
    }
    if from.1.parse::<Mailbox>().is_err() {
        return Err(invalid(
            from.0,
            format!(
                "\"{}\" is not an address such as Focus Squad <hello@focus.example>",
                from.1
            ),
        ));
    }
    let public_url = public_url.ok_or_else(|| {
        invalid(
            url.0,
            "needs FOCUS_PUBLIC_URL too: letters carry links to the site",
        )
    })?;
    Ok(Some(MailConfig {
        smtp_url: Secret::new(url.1),
        from: from.1.to_owned(),
        public_url: public_url.to_owned(),
    }))
}

struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// Sends letters (or, unconfigured, logs their links).
pub struct Mailer {
    smtp: Option<Smtp>,
    public_url: Option<String>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("smtp", &self.smtp.is_some())
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for `config` (none: letters are logged); `public_url` for unconfigured
    /// links. An SMTP URL lettre cannot use is an error naming the setting.
    pub fn new(config: Option<&MailConfig>, public_url: Option<&str>) -> Result<Self, String> {
        let smtp = config
            .map(|config| {
                let transport =
                    AsyncSmtpTransport::<Tokio1Executor>::from_url(config.smtp_url.expose())
                        .map_err(|e| format!("FOCUS_SMTP_URL: {e}"))?
                        .build();
                let from = config
                    .from
                    .parse()
                    .map_err(|e| format!("FOCUS_SMTP_FROM: {e}"))?;
                Ok::<_, String>(Smtp { transport, from })
            })
            .transpose()?;
        Ok(Self {
            smtp,
            public_url: config
                .map(|c| c.public_url.clone())
                .or_else(|| public_url.map(str::to_owned)),
        })
    }

    /// True when letters really go out.
    pub fn sends(&self) -> bool {
        self.smtp.is_some()
    }

    /// `path` (with its query) as a link a letter can carry.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.as_deref().unwrap_or(""))
    }

    /// Sends `letter` to `to` in `language` on its own task; a failure is logged.
    pub fn send_later(self: &std::sync::Arc<Self>, to: String, letter: Letter, language: Language) {
        let mailer = self.clone();
        tokio::spawn(async move {
            if let Err(err) = mailer.send(&to, &letter, language).await {
                tracing::error!(%err, kind = letter.kind(), "could not send a letter");
            }
        });
    }

    /// Sends `letter` to `to` now.
    pub async fn send(&self, to: &str, letter: &Letter, language: Language) -> Result<(), String> {
        let Some(smtp) = &self.smtp else {
            // For the person running the server: the link is the letter's whole point.
            tracing::info!(
                kind = letter.kind(),
                link = letter.link(),
                "email is not configured (FOCUS_SMTP_URL); the link a letter would carry"
            );
            return Ok(());
        };
        let (subject, body) = letters::compose(letter, language);
        let to: Mailbox = to.parse().map_err(|e| format!("recipient: {e}"))?;
        let message = Message::builder()
            .from(smtp.from.clone())
            .to(to)
            .subject(subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| format!("building the message: {e}"))?;
        smtp.transport
            .send(message)
            .await
            .map_err(|e| format!("SMTP: {e}"))?;
        tracing::info!(kind = letter.kind(), "letter sent");
        Ok(())
    }
}
