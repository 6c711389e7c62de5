//! Authentication: access tokens (JWT), passwords, refresh sessions, social login and the
//! failed-login throttle.

pub mod cache;
pub mod extract;
pub mod jwt;
pub mod oauth;
pub mod password;
pub mod session;
pub mod throttle;
