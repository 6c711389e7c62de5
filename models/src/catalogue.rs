//! The catalogue's shared cache generation. List pages are cached in Redis under a key that includes
//! this counter; anything that changes what a list shows (a game becomes listed or unlisted, its
//! texts change, it is deleted or featured) bumps it after commit, so every cached page is stale at
//! once, on every replica. Counters (plays, ratings) do not bump it: they reach cached pages when
//! those expire (a short TTL), which a list view tolerates.

use redis::aio::ConnectionManager;

pub fn generation_key(prefix: &str) -> String {
    format!("{prefix}catalogue:gen")
}

/// Makes every cached list page stale. Best effort: if Redis is away, so is the cache.
pub async fn bump(conn: &mut ConnectionManager, prefix: &str) {
    let res: Result<i64, _> = redis::cmd("INCR")
        .arg(generation_key(prefix))
        .query_async(conn)
        .await;
    if let Err(e) = res {
        tracing::warn!(error = %e, "could not bump the catalogue cache generation");
    }
}
