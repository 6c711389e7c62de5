//! Bounds on what one client can make a replica hold: open WebSockets (each one a file descriptor
//! and a task) and image decoding (each one up to a decoded bitmap in memory).

use super::{ConfigError, Source};

/// `AIMINI_WS_*`: how many notification sockets a replica keeps, and what one socket may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebSocketConfig {
    /// Open sockets per user on one replica; one more is accepted and closed with 1008.
    pub max_per_user: usize,
    /// Open sockets on one replica; one more is accepted and closed with 1013 (try again later).
    pub max_per_replica: usize,
    /// Largest message a client may send (the server expects none but pongs); over it, close 1009.
    pub max_message_bytes: usize,
    /// Frames a client may send per minute (pings and pongs included); over it, close 1008.
    pub max_messages_per_minute: u32,
}

/// `AIMINI_IMAGE_*`: avatar decoding limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageConfig {
    /// Widest and tallest accepted image, read from its header before anything is decoded.
    pub max_dimension: u32,
    /// Most memory one decode may allocate (the `image` crate's `Limits::max_alloc`).
    pub max_alloc_bytes: u64,
    /// Decodes running at once on a replica; more wait their turn.
    pub max_concurrent: usize,
}

/// The soft `RLIMIT_NOFILE` of this process, from `/proc/self/limits` (Linux); `None` elsewhere.
fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Half the descriptor limit, so sockets can never starve the database pool, Redis, S3 and new
/// requests of descriptors (the review saw 989 sockets at a 1,024 limit lock everyone out of
/// `/healthz` and login); at most 10,000.
fn default_per_replica() -> usize {
    open_files_limit().map_or(10_000, |n| (n / 2).clamp(1, 10_000))
}

pub(super) fn websocket(src: &Source) -> Result<WebSocketConfig, ConfigError> {
    let ws = WebSocketConfig {
        max_per_user: src.parse("AIMINI_WS_MAX_PER_USER", 5usize)?,
        max_per_replica: src.parse("AIMINI_WS_MAX_PER_REPLICA", default_per_replica())?,
        max_message_bytes: src.parse("AIMINI_WS_MAX_MESSAGE_BYTES", 4096usize)?,
        max_messages_per_minute: src.parse("AIMINI_WS_MAX_MESSAGES_PER_MINUTE", 60u32)?,
    };
    if !(1..=1_000).contains(&ws.max_per_user) {
        return Err(ConfigError::new(
            "AIMINI_WS_MAX_PER_USER",
            "must be between 1 and 1000",
        ));
    }
    if ws.max_per_replica == 0 {
        return Err(ConfigError::new(
            "AIMINI_WS_MAX_PER_REPLICA",
            "must be at least 1",
        ));
    }
    if !(128..=1 << 20).contains(&ws.max_message_bytes) {
        return Err(ConfigError::new(
            "AIMINI_WS_MAX_MESSAGE_BYTES",
            "must be between 128 and 1048576",
        ));
    }
    // Pongs answer the server's ping every 25 s: fewer than 10 a minute would close quiet clients.
    if ws.max_messages_per_minute < 10 {
        return Err(ConfigError::new(
            "AIMINI_WS_MAX_MESSAGES_PER_MINUTE",
            "must be at least 10",
        ));
    }
    Ok(ws)
}

pub(super) fn image(src: &Source) -> Result<ImageConfig, ConfigError> {
    let max_dimension = src.parse("AIMINI_IMAGE_MAX_DIMENSION", 4096u32)?;
    if !(256..=16_384).contains(&max_dimension) {
        return Err(ConfigError::new(
            "AIMINI_IMAGE_MAX_DIMENSION",
            "must be between 256 (the avatar size) and 16384",
        ));
    }
    let alloc_mib = src.parse("AIMINI_IMAGE_MAX_ALLOC_MB", 64u64)?;
    if !(16..=1024).contains(&alloc_mib) {
        return Err(ConfigError::new(
            "AIMINI_IMAGE_MAX_ALLOC_MB",
            "must be between 16 and 1024",
        ));
    }
    let max_concurrent = src.parse("AIMINI_IMAGE_MAX_CONCURRENT", 2usize)?;
    if !(1..=64).contains(&max_concurrent) {
        return Err(ConfigError::new(
            "AIMINI_IMAGE_MAX_CONCURRENT",
            "must be between 1 and 64",
        ));
    }
    Ok(ImageConfig {
        max_dimension,
        max_alloc_bytes: alloc_mib << 20,
        max_concurrent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websocket_defaults_and_bounds() {
        let d = websocket(&Source::default()).expect("defaults");
        assert_eq!(d.max_per_user, 5);
        assert!((1..=10_000).contains(&d.max_per_replica));
        for (key, bad) in [
            ("AIMINI_WS_MAX_PER_USER", "0"),
            ("AIMINI_WS_MAX_PER_REPLICA", "0"),
            ("AIMINI_WS_MAX_MESSAGE_BYTES", "10"),
            ("AIMINI_WS_MAX_MESSAGES_PER_MINUTE", "2"),
        ] {
            let err = websocket(&Source::from_pairs([(key, bad)])).expect_err(key);
            assert_eq!(err.key, key);
        }
    }

    #[test]
    fn image_defaults_and_bounds() {
        let d = image(&Source::default()).expect("defaults");
        assert_eq!(d.max_dimension, 4096);
        assert_eq!(d.max_alloc_bytes, 64 << 20);
        for (key, bad) in [
            ("AIMINI_IMAGE_MAX_DIMENSION", "100"),
            ("AIMINI_IMAGE_MAX_ALLOC_MB", "0"),
            ("AIMINI_IMAGE_MAX_CONCURRENT", "0"),
        ] {
            let err = image(&Source::from_pairs([(key, bad)])).expect_err(key);
            assert_eq!(err.key, key);
        }
    }
}
