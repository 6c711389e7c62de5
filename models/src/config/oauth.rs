use url::Url;

use super::{ConfigError, OAuthFlavor, OAuthProviderConfig, Source};

/// Providers are enabled by listing them in `AIMINI_OAUTH_PROVIDERS` (e.g. `github,google`). `github`
/// and `google` come with their endpoints preset; any other name needs its URLs. Each provider reads
/// `AIMINI_OAUTH_<NAME>_CLIENT_ID`, `_CLIENT_SECRET` and optionally `_AUTH_URL`, `_TOKEN_URL`,
/// `_USERINFO_URL`, `_EMAILS_URL`, `_SCOPES`, `_FLAVOR` (github|oidc).
pub(super) fn oauth_providers(src: &Source) -> Result<Vec<OAuthProviderConfig>, ConfigError> {
    let Some(list) = src.opt_string("AIMINI_OAUTH_PROVIDERS") else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(ConfigError::new(
                "AIMINI_OAUTH_PROVIDERS",
                format!("provider name {name:?} must be lowercase letters, digits or '_'"),
            ));
        }
        let up = name.to_ascii_uppercase();
        let key = |suffix: &str| format!("AIMINI_OAUTH_{up}_{suffix}");
        let (flavor, auth, token, userinfo, emails, scopes) = match name {
            "github" => (
                OAuthFlavor::Github,
                Some("https://github.com/login/oauth/authorize"),
                Some("https://github.com/login/oauth/access_token"),
                Some("https://api.github.com/user"),
                Some("https://api.github.com/user/emails"),
                "read:user user:email",
            ),
            "google" => (
                OAuthFlavor::Oidc,
                Some("https://accounts.google.com/o/oauth2/v2/auth"),
                Some("https://oauth2.googleapis.com/token"),
                Some("https://openidconnect.googleapis.com/v1/userinfo"),
                None,
                "openid email profile",
            ),
            _ => (
                OAuthFlavor::Oidc,
                None,
                None,
                None,
                None,
                "openid email profile",
            ),
        };
        let flavor = match src.opt_string(&key("FLAVOR")).as_deref() {
            None => flavor,
            Some("github") => OAuthFlavor::Github,
            Some("oidc") => OAuthFlavor::Oidc,
            Some(other) => {
                return Err(ConfigError::new(
                    &key("FLAVOR"),
                    format!("expected github or oidc, got {other:?}"),
                ));
            }
        };
        let need = |suffix: &str, default: Option<&str>| -> Result<Url, ConfigError> {
            src.url(&key(suffix), default)?
                .ok_or_else(|| ConfigError::new(&key(suffix), "is required for this provider"))
        };
        let client_id = src.opt_string(&key("CLIENT_ID")).ok_or_else(|| {
            ConfigError::new(&key("CLIENT_ID"), "is required for a listed provider")
        })?;
        let client_secret = src.secret(&key("CLIENT_SECRET")).ok_or_else(|| {
            ConfigError::new(&key("CLIENT_SECRET"), "is required for a listed provider")
        })?;
        let emails_url = match flavor {
            OAuthFlavor::Github => Some(need("EMAILS_URL", emails)?),
            OAuthFlavor::Oidc => None,
        };
        out.push(OAuthProviderConfig {
            name: name.to_owned(),
            flavor,
            client_id,
            client_secret,
            auth_url: need("AUTH_URL", auth)?,
            token_url: need("TOKEN_URL", token)?,
            userinfo_url: need("USERINFO_URL", userinfo)?,
            emails_url,
            scopes: src
                .string(&key("SCOPES"), scopes)
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
        });
    }
    Ok(out)
}
