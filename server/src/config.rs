//! Server configuration, read once from environment variables (documented in README.md).

use std::net::SocketAddr;

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    pub smtp_url: Option<String>,
    /// Without SMTP: the folder each mail is written to as a text file (`MAIL_DIR`).
    pub mail_dir: String,
    pub mail_from: String,
    pub public_base_url: String,
    pub secure_cookies: bool,
    pub secret_key: Option<String>,
    /// The key `SECRET_KEY` replaced: still accepted for links it signed (`SECRET_KEY_PREVIOUS`).
    pub secret_key_previous: Option<String>,
    /// Reverse proxies of our own in front of the server (`TRUSTED_PROXIES`; `TRUST_PROXY=true`
    /// is the older spelling of one).
    pub trusted_proxies: usize,
    pub site_root: String,
    /// Drafts without an account untouched this many days are deleted (`DRAFT_EXPIRY_DAYS`).
    pub draft_expiry_days: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn flag(name: &'static str) -> Result<bool, ConfigError> {
    match var(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("0" | "false" | "no" | "off") => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some(other) => Err(ConfigError::Invalid {
            name,
            reason: format!("expected true or false, got `{other}`"),
        }),
    }
}

/// `TRUSTED_PROXIES=<n>` (0 to 5), or `TRUST_PROXY=true` for one.
fn trusted_proxies() -> Result<usize, ConfigError> {
    match var("TRUSTED_PROXIES") {
        Some(text) => match text.trim().parse::<usize>() {
            Ok(n) if n <= 5 => Ok(n),
            _ => Err(ConfigError::Invalid {
                name: "TRUSTED_PROXIES",
                reason: format!("expected a number of proxies from 0 to 5, got `{text}`"),
            }),
        },
        None => Ok(usize::from(flag("TRUST_PROXY")?)),
    }
}

/// `DRAFT_EXPIRY_DAYS=<n>` (7 to 3650; 180 when unset).
fn draft_expiry_days() -> Result<i64, ConfigError> {
    match var("DRAFT_EXPIRY_DAYS") {
        None => Ok(180),
        Some(text) => match text.trim().parse::<i64>() {
            Ok(n) if (7..=3650).contains(&n) => Ok(n),
            _ => Err(ConfigError::Invalid {
                name: "DRAFT_EXPIRY_DAYS",
                reason: format!("expected a number of days from 7 to 3650, got `{text}`"),
            }),
        },
    }
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let addr_text = var("SIH_ADDR").unwrap_or_else(|| "127.0.0.1:3000".to_string());
        let addr: SocketAddr = addr_text.parse().map_err(|e| ConfigError::Invalid {
            name: "SIH_ADDR",
            reason: format!("`{addr_text}`: {e}"),
        })?;
        let database_url =
            var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/sih.db?mode=rwc".to_string());
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(ConfigError::Invalid {
                name: "DATABASE_URL",
                reason: "use sqlite://… or postgres://…".to_string(),
            });
        }
        let public_base_url = var("PUBLIC_BASE_URL").unwrap_or_else(|| format!("http://{addr}"));
        let secret_key = var("SECRET_KEY");
        let secret_key_previous = var("SECRET_KEY_PREVIOUS");
        if secret_key_previous.is_some() && secret_key.is_none() {
            return Err(ConfigError::Invalid {
                name: "SECRET_KEY_PREVIOUS",
                reason: "only together with a new SECRET_KEY".to_string(),
            });
        }
        if secret_key.as_ref().is_some_and(|k| k.len() < 32) {
            return Err(ConfigError::Invalid {
                name: "SECRET_KEY",
                reason: "use at least 32 characters".to_string(),
            });
        }
        // Over HTTPS, cookies are always `Secure` (and HSTS sent), whatever SECURE_COOKIES says.
        let https = public_base_url.to_ascii_lowercase().starts_with("https://");
        if https && secret_key.is_none() {
            return Err(ConfigError::Invalid {
                name: "SECRET_KEY",
                reason: "required when PUBLIC_BASE_URL is https: without it the signing key \
                         would be kept in the database, next to what it protects. Set at least \
                         32 random characters (e.g. `openssl rand -base64 48`)"
                    .to_string(),
            });
        }
        Ok(Config {
            addr,
            database_url,
            smtp_url: var("SMTP_URL"),
            mail_dir: var("MAIL_DIR").unwrap_or_else(|| "data/mail".to_string()),
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "Smart Industry Hub <noreply@localhost>".to_string()),
            public_base_url,
            secure_cookies: https || flag("SECURE_COOKIES")?,
            secret_key,
            secret_key_previous,
            trusted_proxies: trusted_proxies()?,
            site_root: var("SIH_SITE_ROOT").unwrap_or_else(|| "target/site".to_string()),
            draft_expiry_days: draft_expiry_days()?,
        })
    }
}

impl Config {
    /// The database address for messages and logs: the password, if any, replaced by `***`,
    /// so an error at start-up never prints a secret into a log others read.
    pub fn database_for_display(&self) -> String {
        redact_password(&self.database_url)
    }
}

/// `scheme://user:password@host/db` → `scheme://user:***@host/db`; anything else unchanged.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_password;

    #[test]
    fn database_passwords_never_show() {
        assert_eq!(
            redact_password("postgres://sih:geheim@db.hub.nl:5432/sih"),
            "postgres://sih:***@db.hub.nl:5432/sih"
        );
        // A password holding an @ is still hidden whole.
        assert_eq!(
            redact_password("postgres://sih:ge@heim@db/sih"),
            "postgres://sih:***@db/sih"
        );
        assert_eq!(
            redact_password("postgres://sih@db/sih"),
            "postgres://sih@db/sih"
        );
        assert_eq!(
            redact_password("sqlite://data/sih.db?mode=rwc"),
            "sqlite://data/sih.db?mode=rwc"
        );
    }
}
