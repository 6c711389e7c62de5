//! Users: domain types, the row, and every query that touches the `users` table.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

/// Roles, ordered by privilege: each guard admits its role and every role above it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, sqlx::Type,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "varchar", rename_all = "snake_case")]
pub enum Role {
    User,
    Premium,
    Moderator,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Premium => "premium",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "user" => Ok(Role::User),
            "premium" => Ok(Role::Premium),
            "moderator" => Ok(Role::Moderator),
            "admin" => Ok(Role::Admin),
            _ => Err(()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "varchar", rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    Suspended,
    Deleted,
}

/// A validated, normalised (lowercase) username: 3-50 of `[a-z0-9_]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let v = raw.trim().to_ascii_lowercase();
        if !(3..=50).contains(&v.len()) {
            return Err("must be 3 to 50 characters long");
        }
        if !v
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err("may only contain letters, digits and underscores");
        }
        Ok(Self(v))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A syntactically valid e-mail address, trimmed, domain lowercased. Uniqueness is case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let v = raw.trim();
        if v.is_empty() || v.len() > 254 {
            return Err("must be a valid e-mail address of at most 254 characters");
        }
        let (local, domain) = v.rsplit_once('@').ok_or("must be a valid e-mail address")?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err("must be a valid e-mail address");
        }
        Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: Uuid,
    pub username: String,
    pub email: String,
    pub password_hash: Option<String>,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    pub bio: Option<String>,
    pub website_url: Option<String>,
    pub is_verified: bool,
    pub role: Role,
    pub status: UserStatus,
    pub session_version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_login: Option<DateTime<Utc>>,
}

pub struct NewUser<'a> {
    pub username: &'a Username,
    pub email: &'a Email,
    pub password_hash: Option<&'a str>,
    pub display_name: Option<&'a str>,
    pub is_verified: bool,
}

/// `SELECT <every UserRow column> FROM users` followed by `$tail` (sqlx concatenates the literals,
/// so the query stays compile-checked).
macro_rules! select_user {
    ($tail:literal $(, $arg:expr)* $(,)?) => {
        sqlx::query_as!(
            UserRow,
            r#"SELECT id, username, email, password_hash, display_name, avatar_url, bio, website_url,
                      is_verified, role AS "role: Role", status AS "status: UserStatus", session_version,
                      created_at, updated_at, last_login
               FROM users "# + $tail,
            $($arg),*
        )
    };
}

/// Constraint names callers map to "this field is taken".
pub const USERNAME_TAKEN: &str = "users_username_lower_key";
pub const EMAIL_TAKEN: &str = "users_email_lower_key";

pub async fn insert(db: impl PgExecutor<'_>, new: NewUser<'_>) -> Result<UserRow, sqlx::Error> {
    sqlx::query_as!(
        UserRow,
        r#"INSERT INTO users (username, email, password_hash, display_name, is_verified)
           VALUES ($1, $2, $3, $4, $5)
           RETURNING id, username, email, password_hash, display_name, avatar_url, bio, website_url,
                     is_verified, role AS "role: Role", status AS "status: UserStatus", session_version,
                     created_at, updated_at, last_login"#,
        new.username.as_str(),
        new.email.as_str(),
        new.password_hash,
        new.display_name,
        new.is_verified,
    )
    .fetch_one(db)
    .await
}

pub async fn find_by_id(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<UserRow>, sqlx::Error> {
    select_user!(r#" WHERE id = $1"#, id)
        .fetch_optional(db)
        .await
}

/// Login accepts the username or the e-mail address, both case-insensitively.
pub async fn find_by_login(
    db: impl PgExecutor<'_>,
    login: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    select_user!(
        r#" WHERE lower(username) = lower($1) OR lower(email) = lower($1)
           LIMIT 1"#,
        login.trim()
    )
    .fetch_optional(db)
    .await
}

pub async fn find_by_email(
    db: impl PgExecutor<'_>,
    email: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    select_user!(r#" WHERE lower(email) = lower($1)"#, email.trim())
        .fetch_optional(db)
        .await
}

pub async fn username_exists(db: impl PgExecutor<'_>, username: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($1)) AS "exists!""#,
        username
    )
    .fetch_one(db)
    .await?;
    Ok(row)
}

/// Records a login and returns its time.
pub async fn touch_last_login(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> Result<DateTime<Utc>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"UPDATE users SET last_login = now() WHERE id = $1 RETURNING last_login AS "last_login!""#,
        id
    )
    .fetch_one(db)
    .await
}

/// Profile fields a user edits. `None` leaves a field as it is; `Some(None)` clears it.
#[derive(Debug, Default)]
pub struct ProfileUpdate {
    pub display_name: Option<Option<String>>,
    pub bio: Option<Option<String>>,
    pub website_url: Option<Option<String>>,
}

pub async fn update_profile(
    db: impl PgExecutor<'_>,
    id: Uuid,
    upd: &ProfileUpdate,
) -> Result<UserRow, sqlx::Error> {
    sqlx::query_as!(
        UserRow,
        r#"UPDATE users SET
               display_name = CASE WHEN $2 THEN $3 ELSE display_name END,
               bio          = CASE WHEN $4 THEN $5 ELSE bio END,
               website_url  = CASE WHEN $6 THEN $7 ELSE website_url END
           WHERE id = $1
           RETURNING id, username, email, password_hash, display_name, avatar_url, bio, website_url,
                     is_verified, role AS "role: Role", status AS "status: UserStatus", session_version,
                     created_at, updated_at, last_login"#,
        id,
        upd.display_name.is_some(),
        upd.display_name.clone().flatten(),
        upd.bio.is_some(),
        upd.bio.clone().flatten(),
        upd.website_url.is_some(),
        upd.website_url.clone().flatten(),
    )
    .fetch_one(db)
    .await
}

pub async fn set_avatar_url(
    db: impl PgExecutor<'_>,
    id: Uuid,
    url: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE users SET avatar_url = $2 WHERE id = $1", id, url)
        .execute(db)
        .await?;
    Ok(())
}

/// Sets a new password and ends every session: outstanding access tokens carry the old session version.
pub async fn set_password(
    db: impl PgExecutor<'_>,
    id: Uuid,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE users SET password_hash = $2, session_version = session_version + 1 WHERE id = $1",
        id,
        password_hash
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Marks the account's address as proven, provided it is still `email` (the address the proof was
/// for). Returns whether it matched.
pub async fn mark_verified(
    db: impl PgExecutor<'_>,
    id: Uuid,
    email: &str,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query!(
        "UPDATE users SET is_verified = true WHERE id = $1 AND lower(email) = lower($2)",
        id,
        email
    )
    .execute(db)
    .await?;
    Ok(res.rows_affected() == 1)
}

/// Hands an unverified account to whoever just proved its address through a social login: the
/// password (set by whoever registered, who never proved the address) is removed, the address counts
/// as verified and every access token dies. `None` when the account was verified meanwhile.
/// The caller also revokes the account's sessions and pending tokens in the same transaction.
pub async fn claim_unverified(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as!(
        UserRow,
        r#"UPDATE users SET password_hash = NULL, is_verified = true,
                            session_version = session_version + 1
           WHERE id = $1 AND NOT is_verified
           RETURNING id, username, email, password_hash, display_name, avatar_url, bio, website_url,
                     is_verified, role AS "role: Role", status AS "status: UserStatus", session_version,
                     created_at, updated_at, last_login"#,
        id,
    )
    .fetch_optional(db)
    .await
}

/// Invalidates every access token issued so far ("log out everywhere").
pub async fn bump_session_version(db: impl PgExecutor<'_>, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE users SET session_version = session_version + 1 WHERE id = $1",
        id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Admin change of role and/or status. Any change ends the user's sessions so the new role or status
/// takes effect on the next request, not at token expiry.
pub async fn admin_update(
    db: impl PgExecutor<'_>,
    id: Uuid,
    role: Option<Role>,
    status: Option<UserStatus>,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as!(
        UserRow,
        r#"UPDATE users SET
               role = COALESCE($2, role),
               status = COALESCE($3, status),
               session_version = session_version
                   + CASE WHEN COALESCE($2, role) <> role OR COALESCE($3, status) <> status THEN 1 ELSE 0 END
           WHERE id = $1
           RETURNING id, username, email, password_hash, display_name, avatar_url, bio, website_url,
                     is_verified, role AS "role: Role", status AS "status: UserStatus", session_version,
                     created_at, updated_at, last_login"#,
        id,
        role as Option<Role>,
        status as Option<UserStatus>,
    )
    .fetch_optional(db)
    .await
}

/// Keyset position in the admin user list (newest first).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserCursor {
    pub created_at: DateTime<Utc>,
    pub id: Uuid,
}

#[derive(Debug, Default)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub status: Option<UserStatus>,
    /// Case-insensitive prefix of username or e-mail.
    pub query: Option<String>,
}

/// Newest first; fetches `limit + 1` rows so the caller can tell whether another page exists.
pub async fn list(
    db: &PgPool,
    filter: &UserFilter,
    after: Option<&UserCursor>,
    limit: i64,
) -> Result<Vec<UserRow>, sqlx::Error> {
    let prefix = filter.query.as_deref().map(|q| {
        format!(
            "{}%",
            q.to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        )
    });
    select_user!(
        r#"
           WHERE ($1::varchar IS NULL OR role = $1)
             AND ($2::varchar IS NULL OR status = $2)
             AND ($3::text IS NULL OR lower(username) LIKE $3 OR lower(email) LIKE $3)
             AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))
           ORDER BY created_at DESC, id DESC
           LIMIT $6"#,
        filter.role as Option<Role>,
        filter.status as Option<UserStatus>,
        prefix,
        after.map(|c| c.created_at),
        after.map(|c| c.id),
        limit + 1,
    )
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_normalised_and_checked() {
        assert_eq!(
            Username::parse(" Alice_01 ").map(|u| u.0),
            Ok("alice_01".to_owned())
        );
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse(&"a".repeat(51)).is_err());
        assert!(Username::parse("bad-name").is_err());
        assert!(Username::parse("émile").is_err());
    }

    #[test]
    fn emails_are_checked() {
        assert_eq!(
            Email::parse("Bob@Example.COM").map(|e| e.0),
            Ok("Bob@example.com".to_owned())
        );
        for bad in [
            "",
            "bob",
            "bob@",
            "@x.io",
            "bob@localhost",
            "a b@x.io",
            "bob@x..io",
            "bob@-x.io",
            ".b@x.io",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn roles_are_ordered_by_privilege() {
        assert!(
            Role::User < Role::Premium
                && Role::Premium < Role::Moderator
                && Role::Moderator < Role::Admin
        );
        assert_eq!("moderator".parse::<Role>(), Ok(Role::Moderator));
    }
}
