//! Social login: OAuth2 authorization code flow with PKCE (S256) and a one-time `state`.
//!
//! Linking rule: a provider identity attaches to an existing account only through an e-mail address
//! the provider says is verified. Without a verified address there is no account creation either, so
//! nobody can squat an address they do not control.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use aimini_models::config::{OAuthFlavor, OAuthProviderConfig};
use anyhow::Context as _;
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, TokenUrl,
};
use secrecy::ExposeSecret;
use serde::Deserialize;
use url::Url;

use crate::error::ApiError;

pub struct OAuthProviders {
    providers: HashMap<String, OAuthProviderConfig>,
    http: OAuthHttp,
    public_url: Url,
}

/// What we learn about the person from the provider.
#[derive(Debug, Clone)]
pub struct ProviderProfile {
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub username_hint: Option<String>,
    pub display_name: Option<String>,
}

/// reqwest as oauth2's HTTP client. A named type rather than a closure: a closure's higher-ranked
/// lifetime makes the handler future fail axum's `Send` bound.
struct OAuthHttp(reqwest::Client);

impl<'c> oauth2::AsyncHttpClient<'c> for OAuthHttp {
    type Error = reqwest::Error;
    type Future =
        Pin<Box<dyn Future<Output = Result<oauth2::HttpResponse, reqwest::Error>> + Send + 'c>>;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(send(&self.0, request))
    }
}

async fn send(
    http: &reqwest::Client,
    req: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, reqwest::Error> {
    let (parts, body) = req.into_parts();
    let resp = http
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await?;
    let mut out = oauth2::HttpResponse::new(Vec::new());
    *out.status_mut() = resp.status();
    *out.headers_mut() = resp.headers().clone();
    *out.body_mut() = resp.bytes().await?.to_vec();
    Ok(out)
}

fn provider_error(message: &str) -> ApiError {
    ApiError::Http {
        status: axum::http::StatusCode::BAD_GATEWAY,
        code: "oauth_provider_error",
        message: message.to_owned(),
    }
}

impl OAuthProviders {
    pub fn new(configs: &[OAuthProviderConfig], public_url: &Url) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            // Following redirects from a token endpoint invites SSRF; providers do not need it.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .user_agent("aimini")
            .build()
            .context("building the OAuth HTTP client")?;
        Ok(Self {
            providers: configs
                .iter()
                .map(|c| (c.name.clone(), c.clone()))
                .collect(),
            http: OAuthHttp(http),
            public_url: public_url.clone(),
        })
    }

    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.providers.keys().cloned().collect();
        names.sort();
        names
    }

    pub fn get(&self, name: &str) -> Option<&OAuthProviderConfig> {
        self.providers.get(name)
    }

    pub fn redirect_url(&self, provider: &str) -> anyhow::Result<Url> {
        Ok(self
            .public_url
            .join(&format!("api/v1/auth/oauth/{provider}/callback"))?)
    }

    /// The provider URL to send the user to, plus the `state` and PKCE verifier to remember.
    pub fn authorize(&self, p: &OAuthProviderConfig) -> anyhow::Result<(Url, String, String)> {
        let client = BasicClient::new(ClientId::new(p.client_id.clone()))
            .set_auth_uri(AuthUrl::from_url(p.auth_url.clone()))
            .set_redirect_uri(RedirectUrl::from_url(self.redirect_url(&p.name)?));
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state) = client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(p.scopes.iter().cloned().map(Scope::new))
            .set_pkce_challenge(challenge)
            .url();
        Ok((url, state.secret().clone(), verifier.secret().clone()))
    }

    /// Exchanges the code (with the PKCE verifier) and reads the user's profile.
    pub async fn complete(
        &self,
        p: &OAuthProviderConfig,
        code: String,
        verifier: String,
    ) -> Result<ProviderProfile, ApiError> {
        let client = BasicClient::new(ClientId::new(p.client_id.clone()))
            .set_client_secret(ClientSecret::new(
                p.client_secret.expose_secret().to_owned(),
            ))
            .set_auth_uri(AuthUrl::from_url(p.auth_url.clone()))
            .set_token_uri(TokenUrl::from_url(p.token_url.clone()))
            .set_redirect_uri(RedirectUrl::from_url(self.redirect_url(&p.name)?));
        let token = client
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(PkceCodeVerifier::new(verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                oauth2::RequestTokenError::ServerResponse(_) => ApiError::bad_request(
                    "oauth_code_rejected",
                    "the provider rejected the authorization code",
                ),
                other => {
                    tracing::warn!(provider = %p.name, error = %other, "OAuth token exchange failed");
                    provider_error("the login provider could not be reached")
                }
            })?;
        let access = token.access_token().secret();
        match p.flavor {
            OAuthFlavor::Github => self.github_profile(p, access).await,
            OAuthFlavor::Oidc => self.oidc_profile(p, access).await,
        }
    }

    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        url: &Url,
        access: &str,
    ) -> Result<T, ApiError> {
        let resp = self
            .http
            .0
            .get(url.clone())
            .bearer_auth(access)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|_| provider_error("the login provider could not be reached"))?;
        if !resp.status().is_success() {
            return Err(provider_error(
                "the login provider refused the profile request",
            ));
        }
        resp.json()
            .await
            .map_err(|_| provider_error("the login provider sent an unreadable profile"))
    }

    async fn github_profile(
        &self,
        p: &OAuthProviderConfig,
        access: &str,
    ) -> Result<ProviderProfile, ApiError> {
        #[derive(Deserialize)]
        struct GithubUser {
            id: i64,
            login: String,
            name: Option<String>,
        }
        #[derive(Deserialize)]
        struct GithubEmail {
            email: String,
            primary: bool,
            verified: bool,
        }
        let user: GithubUser = self.get_json(&p.userinfo_url, access).await?;
        let emails: Vec<GithubEmail> = match &p.emails_url {
            Some(url) => self.get_json(url, access).await?,
            None => Vec::new(),
        };
        // Prefer a verified address (the primary one if verified); otherwise report the primary one as
        // unverified, so the caller can tell "someone else's address" from "no address".
        let verified = emails
            .iter()
            .filter(|e| e.verified)
            .max_by_key(|e| e.primary);
        let (email, email_verified) = match verified {
            Some(e) => (Some(e.email.clone()), true),
            None => (
                emails.iter().find(|e| e.primary).map(|e| e.email.clone()),
                false,
            ),
        };
        Ok(ProviderProfile {
            subject: user.id.to_string(),
            email_verified,
            email,
            username_hint: Some(user.login),
            display_name: user.name,
        })
    }

    async fn oidc_profile(
        &self,
        p: &OAuthProviderConfig,
        access: &str,
    ) -> Result<ProviderProfile, ApiError> {
        #[derive(Deserialize)]
        struct UserInfo {
            sub: String,
            email: Option<String>,
            #[serde(default)]
            email_verified: bool,
            name: Option<String>,
            preferred_username: Option<String>,
        }
        let info: UserInfo = self.get_json(&p.userinfo_url, access).await?;
        let hint = info.preferred_username.clone().or_else(|| {
            info.email
                .as_deref()
                .and_then(|e| e.split('@').next())
                .map(str::to_owned)
        });
        Ok(ProviderProfile {
            subject: info.sub,
            email: info.email,
            email_verified: info.email_verified,
            username_hint: hint,
            display_name: info.name,
        })
    }
}

/// Turns a provider login into a valid username candidate (`[a-z0-9_]`, 3-40 chars).
pub fn username_base(hint: Option<&str>) -> String {
    let mut base: String = hint
        .unwrap_or("player")
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    base.truncate(40);
    let base = base.trim_matches('_').to_owned();
    if base.len() < 3 {
        format!("player_{base}").trim_end_matches('_').to_owned()
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_from_provider_logins_are_valid() {
        for hint in [
            Some("Octo-Cat"),
            Some("a"),
            None,
            Some("ünï"),
            Some(&"x".repeat(80)[..]),
        ] {
            let u = username_base(hint);
            assert!(aimini_models::users::Username::parse(&u).is_ok(), "{u}");
        }
        assert_eq!(username_base(Some("Octo-Cat")), "octo_cat");
    }
}
