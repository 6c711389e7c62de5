//! The aimini HTTP API as a library: `main.rs` only parses arguments, tests build the same
//! [`startup::Application`] on a random port.

pub mod admission;
pub mod auth;
pub mod enqueue;
pub mod error;
pub mod extract;
pub mod mail;
pub mod middleware;
pub mod openapi;
pub mod package;
pub mod pagination;
pub mod playlink;
pub mod ratelimit;
pub mod routes;
pub mod signed;
pub mod startup;
pub mod state;
pub mod status_cache;
pub mod telemetry;

pub use startup::Application;
