//! The one pagination convention of the API: keyset cursors.
//!
//! A list endpoint takes `?limit=&cursor=` and answers `{"items": [...], "next_cursor": "..."|null}`.
//! The cursor is an opaque base64url string wrapping the sort key of the last item, so pages stay stable
//! while rows are inserted and a deep page costs the same as the first one.

use base64::Engine as _;
use serde::{Serialize, de::DeserializeOwned};

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;

#[derive(Debug, thiserror::Error)]
#[error("the cursor is malformed or belongs to another list")]
pub struct InvalidCursor;

pub fn encode_cursor<T: Serialize>(key: &T) -> String {
    // Serialising plain keys (timestamps, ids, numbers) cannot fail.
    let json = serde_json::to_vec(key).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

pub fn decode_cursor<T: DeserializeOwned>(cursor: &str) -> Result<T, InvalidCursor> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| InvalidCursor)?;
    serde_json::from_slice(&bytes).map_err(|_| InvalidCursor)
}

/// Given `limit + 1` fetched rows, keeps `limit` and derives the cursor of the next page.
pub fn split_page<R, K: Serialize>(
    mut rows: Vec<R>,
    limit: usize,
    key: impl Fn(&R) -> K,
) -> (Vec<R>, Option<String>) {
    if rows.len() > limit {
        rows.truncate(limit);
        let next = rows.last().map(|r| encode_cursor(&key(r)));
        (rows, next)
    } else {
        (rows, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = encode_cursor(&(5, "x"));
        let back: (i32, String) = decode_cursor(&c).expect("round trip");
        assert_eq!(back, (5, "x".to_owned()));
        assert!(decode_cursor::<(i32, String)>("!!!").is_err());
        assert!(decode_cursor::<(i32, String)>(&encode_cursor(&"other shape")).is_err());
    }

    #[test]
    fn split_page_emits_a_cursor_only_when_more_rows_exist() {
        let (items, next) = split_page(vec![1, 2, 3], 2, |r| *r);
        assert_eq!(items, vec![1, 2]);
        assert_eq!(next.map(|c| decode_cursor::<i32>(&c).ok()), Some(Some(2)));
        let (items, next) = split_page(vec![1, 2], 2, |r| *r);
        assert_eq!(items, vec![1, 2]);
        assert!(next.is_none());
    }
}
