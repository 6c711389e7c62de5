pub mod admin;
pub mod auth;
pub mod docs;
pub mod health;
pub mod media;
pub mod oauth;
pub mod users;
