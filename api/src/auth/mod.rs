//! Authentication: access tokens (JWT), passwords, refresh sessions and social login.

pub mod cache;
pub mod extract;
pub mod jwt;
pub mod oauth;
pub mod password;
pub mod session;
