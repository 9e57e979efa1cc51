//! Configuration: defaults that run with nothing set, then an optional TOML file, then
//! `FOCUS_*` environment variables (highest). Every problem is reported as one line that
//! names the setting and says what to fix. Secrets are wrapped so they never print.

pub mod audio;
pub mod google;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// A validated configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Address to listen on; `None` means "the Leptos `site-addr`".
    pub addr: Option<SocketAddr>,
    /// Where the embedded database and other local state live.
    pub data_dir: PathBuf,
    /// Which database to use.
    pub database: DatabaseUrl,
    /// Upper bound on pooled database connections.
    pub database_max_connections: u32,
    /// Human-readable or JSON logs.
    pub log_format: LogFormat,
    /// `tracing` filter directives, e.g. `info,sqlx=warn`.
    pub log_filter: String,
    /// Enables test-only endpoints (the movable clock). Never enable in production. Only
    /// the environment can set it, never a config file, and only with
    /// [`Config::test_clock_token`].
    pub test_mode: bool,
    /// The bearer token `/api/test/clock` demands (test mode only).
    pub test_clock_token: Option<Secret>,
    /// When set, `/metrics` answers only requests with this bearer token.
    pub metrics_token: Option<Secret>,
    /// Key for signing tokens; generated and stored in the database when not given.
    pub session_secret: Option<Secret>,
    /// Behind a reverse proxy: take the client address from the last `X-Forwarded-For`
    /// hop and the scheme from `X-Forwarded-Proto`, and check origins against
    /// `X-Forwarded-Host`. Only enable when a proxy you run sets these headers.
    pub behind_proxy: bool,
    /// The address people use to reach the server (`https://focus.example`), without a
    /// trailing slash; needed for Google sign-in's callback.
    pub public_url: Option<String>,
    /// Google sign-in, when a client id and secret are configured.
    pub google: Option<crate::server::config::google::GoogleConfig>,
    /// How many accounts may be made per address and from everywhere.
    pub signups: SignUpQuota,
    /// Email by SMTP, when configured (else links are written to the log).
    pub mail: Option<crate::server::mail::MailConfig>,
    /// Audio transport (mesh ICE servers, TURN, LiveKit).
    pub audio: crate::server::config::audio::AudioConfig,
}

/// The settings a file or the environment may give, with their environment names.
const KEYS: [&str; 18] = [
    "addr",
    "data_dir",
    "database_url",
    "database_max_connections",
    "log_format",
    "log",
    "test_mode",
    "test_clock_token",
    "metrics_token",
    "session_secret",
    "behind_proxy",
    "public_url",
    "google_client_id",
    "google_client_secret",
    "google_issuer",
    "admin_emails",
    "signups_per_address_hour",
    "signups_per_minute",
];

/// Settings only the environment may give: a file left on a server must never turn on
/// test-only routes.
const ENVIRONMENT_ONLY: [&str; 2] = ["test_mode", "test_clock_token"];

/// Every setting name: the general ones and the audio ones.
fn all_keys() -> impl Iterator<Item = &'static &'static str> {
    KEYS.iter()
        .chain(crate::server::config::audio::KEYS.iter())
        .chain(crate::server::mail::KEYS.iter())
}

/// Limits on making accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignUpQuota {
    /// Per client address in an hour.
    pub per_address: crate::domain::auth::AttemptLimit,
    /// From everywhere together in a minute.
    pub everywhere: crate::domain::auth::AttemptLimit,
}

/// Log output style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Coloured, human-readable lines.
    Pretty,
    /// One JSON object per line.
    Json,
}

/// A database location, checked for its scheme.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file (or `:memory:`), as an sqlx `sqlite:` URL.
    Sqlite(String),
    /// A PostgreSQL server, as a `postgres://` URL.
    Postgres(Secret),
}

impl DatabaseUrl {
    /// The URL to hand to the driver.
    pub fn expose(&self) -> &str {
        match self {
            Self::Sqlite(url) => url,
            Self::Postgres(url) => url.expose(),
        }
    }

    /// A form safe to log: the password of a PostgreSQL URL is masked.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(url) => url.clone(),
            Self::Postgres(url) => redact_password(url.expose()),
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// A value that must not appear in logs or error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself. Call only where it is used.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A configuration problem, worded as one line that says what to fix.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// A setting has a value that cannot be used.
    #[error("{source_name}: {problem}")]
    Invalid {
        /// `FOCUS_X` or `file.toml: x`.
        source_name: String,
        /// What is wrong and what is expected.
        problem: String,
    },
    /// The config file could not be read or parsed.
    #[error("config file {path}: {problem}")]
    File {
        /// The file.
        path: String,
        /// What went wrong.
        problem: String,
    },
}

/// Minimum length of a session secret given by the operator.
pub const MIN_SECRET_LEN: usize = 32;

impl Config {
    /// Loads the configuration from the process environment and the optional file named
    /// by `FOCUS_CONFIG` (or `focus.toml` in the working directory, when it exists).
    pub fn load() -> Result<Self, ConfigError> {
        Self::from_vars(std::env::vars())
    }

    /// Loads the configuration from the given variables (and the file they point at).
    pub fn from_vars(
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let env: BTreeMap<String, String> = vars
            .into_iter()
            .filter(|(k, _)| k.starts_with("FOCUS_"))
            .collect();
        let mut raw: BTreeMap<&'static str, (String, String)> = BTreeMap::new();
        let file = match env.get("FOCUS_CONFIG") {
            Some(path) => Some(PathBuf::from(path)),
            None => Some(PathBuf::from("focus.toml")).filter(|p| p.exists()),
        };
        if let Some(path) = file {
            for (key, value) in read_file(&path)? {
                raw.insert(key, (format!("{}: {key}", path.display()), value));
            }
        }
        for key in all_keys().copied() {
            let name = format!("FOCUS_{}", key.to_ascii_uppercase());
            if let Some(value) = env.get(&name) {
                raw.insert(key, (name, value.clone()));
            }
        }
        Self::from_raw(&raw)
    }

    fn from_raw(raw: &BTreeMap<&'static str, (String, String)>) -> Result<Self, ConfigError> {
        let get = |key: &str| raw.get(key).map(|(src, v)| (src.as_str(), v.trim()));
        let data_dir =
            get("data_dir").map_or_else(|| PathBuf::from("data"), |(_, v)| PathBuf::from(v));
        let database = match get("database_url") {
            Some((src, v)) => parse_database_url(src, v)?,
            None => DatabaseUrl::Sqlite(default_sqlite_url(&data_dir)),
        };
        let addr = get("addr")
            .map(|(src, v)| {
                v.parse::<SocketAddr>().map_err(|_| {
                    invalid(
                        src,
                        format!("expected host:port such as 127.0.0.1:3000, got \"{v}\""),
                    )
                })
            })
            .transpose()?;
        let database_max_connections = match get("database_max_connections") {
            Some((src, v)) => match v.parse::<u32>() {
                Ok(n) if (1..=1000).contains(&n) => n,
                _ => {
                    return Err(invalid(
                        src,
                        format!("expected a number from 1 to 1000, got \"{v}\""),
                    ))
                }
            },
            None => 10,
        };
        let log_format = match get("log_format") {
            None => LogFormat::Pretty,
            Some((_, v)) if v.eq_ignore_ascii_case("pretty") || v.eq_ignore_ascii_case("text") => {
                LogFormat::Pretty
            }
            Some((_, v)) if v.eq_ignore_ascii_case("json") => LogFormat::Json,
            Some((src, v)) => {
                return Err(invalid(
                    src,
                    format!("expected \"pretty\" or \"json\", got \"{v}\""),
                ))
            }
        };
        let log_filter =
            get("log").map_or_else(|| "info,sqlx=warn".to_owned(), |(_, v)| v.to_owned());
        let test_mode = match get("test_mode") {
            None => false,
            Some((src, v)) => parse_bool(src, v)?,
        };
        let token = |key: &str, hint: &str| -> Result<Option<Secret>, ConfigError> {
            match get(key) {
                Some((src, v)) if v.chars().count() < MIN_SECRET_LEN => Err(invalid(
                    src,
                    format!(
                        "must be at least {MIN_SECRET_LEN} characters (it is {}){hint}",
                        v.chars().count()
                    ),
                )),
                Some((_, v)) => Ok(Some(Secret::new(v))),
                None => Ok(None),
            }
        };
        let test_clock_token = token("test_clock_token", "")?;
        if test_mode && test_clock_token.is_none() {
            return Err(invalid(
                "FOCUS_TEST_MODE",
                format!("needs FOCUS_TEST_CLOCK_TOKEN (at least {MIN_SECRET_LEN} characters), which the test clock demands of every caller"),
            ));
        }
        let metrics_token = token("metrics_token", "")?;
        let session_secret = token(
            "session_secret",
            "; or leave it unset to have one generated",
        )?;
        let behind_proxy = match get("behind_proxy") {
            None => false,
            Some((src, v)) => parse_bool(src, v)?,
        };
        let public_url = get("public_url")
            .map(|(src, v)| parse_public_url(src, v))
            .transpose()?;
        let google = google_config(&get, public_url.as_deref(), test_mode)?;
        let audio = crate::server::config::audio::parse(&get)?;
        // Admin by configured address granted admin to whoever registered it first; roles
        // now live in the database. Say so rather than silently ignore the setting.
        if let Some((src, _)) = get("admin_emails") {
            return Err(invalid(
                src,
                "is no longer read: admins are granted in the database with `server admin grant <email or username>` (see README.md)".to_owned(),
            ));
        }
        let mail = crate::server::mail::parse_config(&get, public_url.as_deref())?;
        let count = |key: &str, default: usize| -> Result<usize, ConfigError> {
            match get(key) {
                None => Ok(default),
                Some((src, v)) => match v.parse::<usize>() {
                    Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
                    _ => Err(invalid(
                        src,
                        format!("expected a number from 1 to 1000000, got \"{v}\""),
                    )),
                },
            }
        };
        use crate::domain::auth::{AttemptLimit, SIGNUPS_PER_ADDRESS_HOUR, SIGNUPS_PER_MINUTE};
        use crate::domain::time::MINUTE_MS;
        let signups = SignUpQuota {
            per_address: AttemptLimit {
                max_failures: count("signups_per_address_hour", SIGNUPS_PER_ADDRESS_HOUR)?,
                window_ms: 60 * MINUTE_MS,
            },
            everywhere: AttemptLimit {
                max_failures: count("signups_per_minute", SIGNUPS_PER_MINUTE)?,
                window_ms: MINUTE_MS,
            },
        };
        Ok(Self {
            audio,
            mail,
            signups,
            public_url,
            google,
            behind_proxy,
            addr,
            data_dir,
            database,
            database_max_connections,
            log_format,
            log_filter,
            test_mode,
            test_clock_token: test_clock_token.filter(|_| test_mode),
            metrics_token,
            session_secret,
        })
    }
}

/// A setting's problem, for the settings parsed by other modules too.
pub(crate) fn invalid(source_name: &str, problem: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        source_name: source_name.to_owned(),
        problem: problem.into(),
    }
}

fn read_file(path: &Path) -> Result<Vec<(&'static str, String)>, ConfigError> {
    let file_err = |problem: String| ConfigError::File {
        path: path.display().to_string(),
        problem,
    };
    let text =
        std::fs::read_to_string(path).map_err(|e| file_err(format!("cannot read it ({e})")))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| file_err(e.message().to_owned()))?;
    table
        .into_iter()
        .map(|(key, value)| {
            let known = all_keys()
                .filter(|k| !ENVIRONMENT_ONLY.contains(k))
                .find(|k| **k == key)
                .ok_or_else(|| {
                    if ENVIRONMENT_ONLY.contains(&key.as_str()) {
                        return file_err(format!(
                            "\"{key}\" may only be set in the environment (FOCUS_{}), never in a file",
                            key.to_ascii_uppercase()
                        ));
                    }
                    file_err(format!(
                        "unknown setting \"{key}\"; known settings: {}",
                        all_keys()
                            .filter(|k| !ENVIRONMENT_ONLY.contains(k))
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(n) => n.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                other => {
                    return Err(file_err(format!(
                        "\"{key}\" must be a string, number or boolean, not {}",
                        other.type_str()
                    )))
                }
            };
            Ok((*known, text))
        })
        .collect()
}

fn parse_bool(src: &str, v: &str) -> Result<bool, ConfigError> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        _ => Err(invalid(src, format!("expected true or false, got \"{v}\""))),
    }
}

fn parse_public_url(src: &str, v: &str) -> Result<String, ConfigError> {
    let url = v.trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ']) => {
            Ok(url.to_owned())
        }
        _ => Err(invalid(
            src,
            format!("expected the site's address such as https://focus.example, got \"{v}\""),
        )),
    }
}

/// Google sign-in settings: both client id and secret, or neither; with them, the public
/// URL the callback is built from.
fn google_config<'a>(
    get: &impl Fn(&str) -> Option<(&'a str, &'a str)>,
    public_url: Option<&str>,
    test_mode: bool,
) -> Result<Option<crate::server::config::google::GoogleConfig>, ConfigError> {
    use google::{GoogleConfig, GOOGLE_ISSUER};
    let (id, secret) = match (get("google_client_id"), get("google_client_secret")) {
        (None, None) => return Ok(None),
        (Some((_, id)), Some((_, secret))) if !id.is_empty() && !secret.is_empty() => (id, secret),
        (Some((src, _)), _) | (_, Some((src, _))) => {
            return Err(invalid(
                src,
                "Google sign-in needs both FOCUS_GOOGLE_CLIENT_ID and FOCUS_GOOGLE_CLIENT_SECRET"
                    .to_owned(),
            ))
        }
    };
    let public_url = public_url.ok_or_else(|| {
        invalid(
            "FOCUS_PUBLIC_URL",
            "required when Google sign-in is configured (the callback is <public URL>/auth/google/callback)".to_owned(),
        )
    })?;
    let issuer = match get("google_issuer") {
        // Plain http lets anyone on the path swap keys and tokens: only for the local
        // provider the browser tests run.
        Some((src, v)) if v.starts_with("http://") && !test_mode => {
            return Err(invalid(
                src,
                format!("\"{v}\" is not https (plain http is refused outside FOCUS_TEST_MODE)"),
            ))
        }
        Some((src, v)) => parse_public_url(src, v)?,
        None => GOOGLE_ISSUER.to_owned(),
    };
    Ok(Some(GoogleConfig {
        issuer,
        client_id: id.to_owned(),
        client_secret: Secret::new(secret),
        redirect_uri: format!("{public_url}/auth/google/callback"),
    }))
}

/// The embedded default: `<data_dir>/focus.db`, created on first run.
fn default_sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("focus.db").display())
}

fn parse_database_url(src: &str, v: &str) -> Result<DatabaseUrl, ConfigError> {
    if v.starts_with("sqlite:") {
        // Create the file on first run unless the URL says otherwise.
        let url = if v.contains("mode=") || v.contains(":memory:") {
            v.to_owned()
        } else if v.contains('?') {
            format!("{v}&mode=rwc")
        } else {
            format!("{v}?mode=rwc")
        };
        return Ok(DatabaseUrl::Sqlite(url));
    }
    if let Some(rest) = v
        .strip_prefix("postgres://")
        .or_else(|| v.strip_prefix("postgresql://"))
    {
        let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
        let host = host.split(['/', '?']).next().unwrap_or_default();
        if host.is_empty() && !v.contains("host=") {
            return Err(invalid(
                src,
                format!(
                    "no host in \"{}\"; expected postgres://user@host:5432/database",
                    redact_password(v)
                ),
            ));
        }
        return Ok(DatabaseUrl::Postgres(Secret::new(v)));
    }
    Err(invalid(
        src,
        format!(
            "expected a URL starting with sqlite: or postgres://, got \"{}\"",
            redact_password(v)
        ),
    ))
}

/// Masks the password in `scheme://user:password@host/...`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_vars(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    #[test]
    fn runs_with_nothing_set() {
        let c = load(&[]).unwrap();
        assert_eq!(c.addr, None);
        assert_eq!(
            c.database,
            DatabaseUrl::Sqlite("sqlite://data/focus.db?mode=rwc".into())
        );
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert!(!c.test_mode);
        assert!(c.session_secret.is_none());
    }

    #[test]
    fn environment_overrides_defaults() {
        let c = load(&[
            ("FOCUS_DATA_DIR", "/tmp/fs"),
            ("FOCUS_ADDR", "0.0.0.0:8080"),
            ("FOCUS_LOG_FORMAT", "JSON"),
            ("FOCUS_TEST_MODE", "1"),
            ("FOCUS_TEST_CLOCK_TOKEN", "0123456789abcdef0123456789abcdef"),
            ("OTHER", "ignored"),
        ])
        .unwrap();
        assert_eq!(c.database.expose(), "sqlite:///tmp/fs/focus.db?mode=rwc");
        assert_eq!(c.addr, Some("0.0.0.0:8080".parse().unwrap()));
        assert_eq!(c.log_format, LogFormat::Json);
        assert!(c.test_mode);
    }

    #[test]
    fn postgres_urls_are_accepted_and_never_printed_with_their_password() {
        let c = load(&[(
            "FOCUS_DATABASE_URL",
            "postgres://focus:hunter2@db:5432/focus",
        )])
        .unwrap();
        assert!(matches!(c.database, DatabaseUrl::Postgres(_)));
        assert_eq!(c.database.redacted(), "postgres://focus:***@db:5432/focus");
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn bad_values_name_the_setting_and_the_fix() {
        let err = load(&[("FOCUS_DATABASE_URL", "mysql://root:pw@x/db")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "FOCUS_DATABASE_URL: expected a URL starting with sqlite: or postgres://, got \"mysql://root:***@x/db\""
        );
        let err = load(&[("FOCUS_ADDR", "localhost")]).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("FOCUS_ADDR: expected host:port"));
        let err = load(&[("FOCUS_DATABASE_URL", "postgres://")]).unwrap_err();
        assert!(err.to_string().contains("no host"), "{err}");
        let err = load(&[("FOCUS_SESSION_SECRET", "short")]).unwrap_err();
        assert!(err.to_string().contains("at least 32 characters"));
        let err = load(&[("FOCUS_TEST_MODE", "1")]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("FOCUS_TEST_MODE: needs FOCUS_TEST_CLOCK_TOKEN"),
            "{err}"
        );
        let err = load(&[("FOCUS_TEST_MODE", "maybe")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "FOCUS_TEST_MODE: expected true or false, got \"maybe\""
        );
    }

    #[test]
    fn google_sign_in_needs_both_credentials_and_the_public_url() {
        assert!(load(&[]).unwrap().google.is_none());
        let err = load(&[("FOCUS_GOOGLE_CLIENT_ID", "id")]).unwrap_err();
        assert!(err.to_string().contains("needs both"), "{err}");
        let err = load(&[
            ("FOCUS_GOOGLE_CLIENT_ID", "id"),
            ("FOCUS_GOOGLE_CLIENT_SECRET", "s"),
        ])
        .unwrap_err();
        assert!(
            err.to_string().starts_with("FOCUS_PUBLIC_URL: required"),
            "{err}"
        );
        let c = load(&[
            ("FOCUS_GOOGLE_CLIENT_ID", "id"),
            ("FOCUS_GOOGLE_CLIENT_SECRET", "s3cret"),
            ("FOCUS_PUBLIC_URL", "https://focus.example/"),
        ])
        .unwrap();
        let google = c.google.unwrap();
        assert_eq!(
            google.redirect_uri,
            "https://focus.example/auth/google/callback"
        );
        assert_eq!(google.issuer, "https://accounts.google.com");
        assert!(!format!("{google:?}").contains("s3cret"));
        // A plain-http provider only in test mode.
        let google_at = |issuer: &'static str, test: bool| {
            let mut vars = vec![
                ("FOCUS_GOOGLE_CLIENT_ID", "id"),
                ("FOCUS_GOOGLE_CLIENT_SECRET", "s3cret"),
                ("FOCUS_PUBLIC_URL", "https://focus.example"),
                ("FOCUS_GOOGLE_ISSUER", issuer),
            ];
            if test {
                vars.push(("FOCUS_TEST_MODE", "1"));
                vars.push(("FOCUS_TEST_CLOCK_TOKEN", "0123456789abcdef0123456789abcdef"));
            }
            load(&vars)
        };
        let err = google_at("http://idp.example", false).unwrap_err();
        assert!(err.to_string().contains("is not https"), "{err}");
        assert!(google_at("http://127.0.0.1:9000", true).is_ok());
        assert!(google_at("https://idp.example", false).is_ok());
        let err = load(&[("FOCUS_PUBLIC_URL", "focus.example")]).unwrap_err();
        assert!(
            err.to_string().contains("such as https://focus.example"),
            "{err}"
        );
    }

    #[test]
    fn secrets_do_not_print() {
        let secret = Secret::new("x".repeat(40));
        assert_eq!(format!("{secret:?}"), "Secret(***)");
    }

    #[test]
    fn a_file_is_read_and_the_environment_wins() {
        let dir = std::env::temp_dir().join(format!("focus-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("focus.toml");
        std::fs::write(
            &path,
            "addr = \"127.0.0.1:4000\"\ndatabase_max_connections = 4\nlog_format = \"json\"\n",
        )
        .unwrap();
        let p = path.to_str().unwrap();
        let c = load(&[("FOCUS_CONFIG", p), ("FOCUS_LOG_FORMAT", "pretty")]).unwrap();
        assert_eq!(c.addr, Some("127.0.0.1:4000".parse().unwrap()));
        assert_eq!(c.database_max_connections, 4);
        assert_eq!(c.log_format, LogFormat::Pretty);

        std::fs::write(&path, "colour = \"red\"\n").unwrap();
        let err = load(&[("FOCUS_CONFIG", p)]).unwrap_err();
        assert!(
            err.to_string().contains("unknown setting \"colour\""),
            "{err}"
        );
        // A file alone never turns test-only routes on.
        std::fs::write(&path, "test_mode = true\n").unwrap();
        let err = load(&[("FOCUS_CONFIG", p)]).unwrap_err();
        assert!(
            err.to_string()
                .contains("\"test_mode\" may only be set in the environment"),
            "{err}"
        );
        std::fs::write(
            &path,
            "test_clock_token = \"0123456789abcdef0123456789abcdef\"\n",
        )
        .unwrap();
        assert!(load(&[("FOCUS_CONFIG", p)]).is_err());
        std::fs::write(&path, "addr = [1, 2]\n").unwrap();
        let err = load(&[("FOCUS_CONFIG", p)]).unwrap_err();
        assert!(err.to_string().contains("must be a string"), "{err}");
        let err = load(&[("FOCUS_CONFIG", "/nonexistent/focus.toml")]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("config file /nonexistent/focus.toml: cannot read it"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
