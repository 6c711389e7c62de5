//! A per-replica cache of `GET /ai/generation/{id}` answers, kept current by Postgres itself.
//!
//! A client polls its request every second or so while it waits in the queue (a minute and more
//! under load) and then runs, and almost every poll finds nothing changed; each used to cost two
//! Postgres statements (the request, then its game's review). Now the serialised answer stays in
//! memory until Postgres says it changed: triggers (`migrations/20261208000001_*`) send the request
//! id on the channel `generation_changed` with every update or delete of the request and every
//! write of its game's review, whoever writes it (API, worker, reconciler, moderator, psql), and each
//! replica's [`listen`] task drops what changed. Owner checks run on every hit, as on a miss. Only
//! answers whose next change is not imminent are kept (a queued request, a finished one whose game
//! review is settled): polls of a request being worked on read Postgres.
//!
//! Why it stays correct:
//! - A notification arrives after its change committed, so a read that starts after it sees the
//!   change.
//! - A read that started before a change and finishes after its notification must not store what it
//!   read. Each notification leaves a tombstone stamped with a sequence number; a read takes a
//!   [`Ticket`] (the sequence) before it starts, and [`StatusCache::put`] refuses a ticket older than
//!   the key's tombstone. Tombstones are kept [`TOMBSTONE_KEEP`], and a ticket that old is refused.
//! - A listener that loses its connection cannot know what it missed: until it listens again the
//!   cache neither answers nor stores, and when it does it empties itself and refuses every ticket
//!   taken before.
//! - The TTL (`AIMINI_GENERATION_STATUS_CACHE_MS`, 30 s) bounds anything else.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use secrecy::{ExposeSecret as _, SecretString};
use sqlx::postgres::PgListener;
use uuid::Uuid;

/// The channel the triggers notify on.
pub const CHANNEL: &str = "generation_changed";
/// Bounds on memory: past this many answers, or this many bytes of them (an answer carries its
/// prompt, up to 2,000 characters), the cache drops what has expired and, if that is not enough,
/// starts over rather than grow. The same count bounds the tombstones.
const MAX_ENTRIES: usize = 100_000;
const MAX_BYTES: usize = 32 * 1024 * 1024;
/// How long a change's tombstone is kept, and so the oldest ticket a put accepts.
pub const TOMBSTONE_KEEP: Duration = Duration::from_secs(10);

/// A cached answer: whose request it is (checked on every hit) and the JSON body.
#[derive(Clone)]
pub struct Cached {
    pub owner: Uuid,
    pub body: Bytes,
}

/// Taken before reading a request from Postgres; handed to [`StatusCache::put`].
#[derive(Debug, Clone, Copy)]
pub struct Ticket {
    seq: u64,
    at: Instant,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<Uuid, (Instant, Cached)>,
    /// The bodies' bytes in `entries`.
    bytes: usize,
    /// Key -> sequence number of its latest change notification, and when it came.
    tombstones: HashMap<Uuid, (u64, Instant)>,
    /// Tickets below this were taken before the last reset and are refused.
    floor: u64,
}

impl Inner {
    fn bytes_held(&self) -> usize {
        self.entries.values().map(|(_, c)| c.body.len()).sum()
    }
}

pub struct StatusCache {
    ttl: Duration,
    inner: Mutex<Inner>,
    seq: AtomicU64,
    /// True while the listener holds a LISTEN on a live connection.
    listening: AtomicBool,
}

impl StatusCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            inner: Mutex::new(Inner::default()),
            seq: AtomicU64::new(0),
            listening: AtomicBool::new(false),
        }
    }

    fn active(&self) -> bool {
        !self.ttl.is_zero() && self.listening.load(Ordering::Acquire)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // Every update is a single step on the maps, so a panicking holder leaves them usable.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The cached answer for request `id`, if there is a fresh one.
    pub fn get(&self, id: Uuid) -> Option<Cached> {
        if !self.active() {
            return None;
        }
        let inner = self.lock();
        let (at, cached) = inner.entries.get(&id)?;
        (at.elapsed() < self.ttl).then(|| cached.clone())
    }

    pub fn ticket(&self) -> Ticket {
        Ticket {
            seq: self.seq.load(Ordering::Acquire),
            at: Instant::now(),
        }
    }

    /// Stores what a read that began at `ticket` found, unless the request changed since.
    pub fn put(&self, id: Uuid, cached: Cached, ticket: Ticket) {
        if !self.active() || ticket.at.elapsed() >= TOMBSTONE_KEEP {
            return;
        }
        let mut inner = self.lock();
        // Notifications bump the sequence and write tombstones under this lock, so the checks
        // below cannot interleave with one.
        if ticket.seq < inner.floor {
            return;
        }
        if inner
            .tombstones
            .get(&id)
            .is_some_and(|(seq, _)| *seq > ticket.seq)
        {
            return;
        }
        let size = cached.body.len();
        if inner.entries.len() >= MAX_ENTRIES || inner.bytes + size > MAX_BYTES {
            let ttl = self.ttl;
            inner.entries.retain(|_, (at, _)| at.elapsed() < ttl);
            if inner.entries.len() >= MAX_ENTRIES || inner.bytes_held() + size > MAX_BYTES {
                inner.entries.clear();
            }
            inner.bytes = inner.bytes_held();
        }
        if let Some((_, old)) = inner.entries.insert(id, (Instant::now(), cached)) {
            inner.bytes -= old.body.len();
        }
        inner.bytes += size;
    }

    /// Request `id` changed: drop its answer and refuse reads that began before now.
    pub fn changed(&self, id: Uuid) {
        let mut inner = self.lock();
        let seq = self.seq.fetch_add(1, Ordering::AcqRel) + 1;
        if let Some((_, old)) = inner.entries.remove(&id) {
            inner.bytes -= old.body.len();
        }
        if inner.tombstones.len() >= MAX_ENTRIES {
            inner
                .tombstones
                .retain(|_, (_, at)| at.elapsed() < TOMBSTONE_KEEP);
            if inner.tombstones.len() >= MAX_ENTRIES {
                // Too many changes to remember one by one: refuse every read begun before now.
                inner.tombstones.clear();
                inner.floor = seq;
            }
        }
        inner.tombstones.insert(id, (seq, Instant::now()));
    }

    /// Anything may have changed (the listener was away): forget everything, refuse every read
    /// begun before now, and answer again only if `listening`.
    pub fn reset(&self, listening: bool) {
        let mut inner = self.lock();
        let seq = self.seq.fetch_add(1, Ordering::AcqRel) + 1;
        inner.entries.clear();
        inner.bytes = 0;
        inner.tombstones.clear();
        inner.floor = seq;
        self.listening.store(listening, Ordering::Release);
    }
}

/// Runs for the life of the process: LISTEN on [`CHANNEL`] and apply each change to `cache`.
/// Reconnects with backoff; the cache is off while it is away. The listener holds a connection of
/// its own, not one of the request pool's.
pub async fn listen(database_url: SecretString, cache: std::sync::Arc<StatusCache>) {
    if cache.ttl.is_zero() {
        return;
    }
    let mut backoff = Duration::from_millis(200);
    loop {
        let result: Result<(), sqlx::Error> = async {
            let mut listener = PgListener::connect(database_url.expose_secret()).await?;
            listener.listen(CHANNEL).await?;
            cache.reset(true);
            backoff = Duration::from_millis(200);
            loop {
                match listener.try_recv().await? {
                    Some(n) => match Uuid::parse_str(n.payload()) {
                        Ok(id) => cache.changed(id),
                        Err(_) => tracing::warn!("unreadable generation change notification"),
                    },
                    // The connection dropped and was re-established: notices may have been lost.
                    None => cache.reset(true),
                }
            }
        }
        .await;
        cache.reset(false);
        if let Err(e) = result {
            if matches!(e, sqlx::Error::PoolClosed) {
                return;
            }
            tracing::warn!(error = %e, "generation change listener lost Postgres; status cache off until it is back");
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cached(owner: Uuid, body: &'static str) -> Cached {
        Cached {
            owner,
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    fn live() -> StatusCache {
        let c = StatusCache::new(Duration::from_secs(30));
        c.reset(true);
        c
    }

    #[test]
    fn answers_what_was_stored_until_it_changes() {
        let c = live();
        let (id, owner) = (Uuid::new_v4(), Uuid::new_v4());
        let t = c.ticket();
        c.put(id, cached(owner, "v1"), t);
        let hit = c.get(id).expect("stored");
        assert_eq!((hit.owner, &hit.body[..]), (owner, &b"v1"[..]));
        c.changed(id);
        assert!(c.get(id).is_none(), "a change drops the answer");
    }

    #[test]
    fn a_read_that_raced_a_change_is_not_stored() {
        let c = live();
        let id = Uuid::new_v4();
        let before = c.ticket();
        c.changed(id); // the change's notice arrives while the read is in flight
        c.put(id, cached(Uuid::nil(), "stale"), before);
        assert!(c.get(id).is_none(), "the stale read must not be cached");
        // A read that began after the notice saw the committed change: it may be stored.
        let after = c.ticket();
        c.put(id, cached(Uuid::nil(), "fresh"), after);
        assert_eq!(&c.get(id).expect("fresh stored").body[..], b"fresh");
        // Changes to other requests do not block it.
        let other = c.ticket();
        c.changed(Uuid::new_v4());
        let id2 = Uuid::new_v4();
        c.put(id2, cached(Uuid::nil(), "x"), other);
        assert!(c.get(id2).is_some());
    }

    #[test]
    fn nothing_is_served_or_stored_while_not_listening_and_a_reset_forgets_all() {
        let c = StatusCache::new(Duration::from_secs(30));
        let id = Uuid::new_v4();
        c.put(id, cached(Uuid::nil(), "x"), c.ticket());
        assert!(c.get(id).is_none(), "not listening yet");
        c.reset(true);
        let t = c.ticket();
        c.put(id, cached(Uuid::nil(), "x"), t);
        assert!(c.get(id).is_some());
        let before_loss = c.ticket();
        c.reset(false);
        assert!(c.get(id).is_none(), "the listener is away");
        c.reset(true);
        assert!(c.get(id).is_none(), "a reconnect forgets everything");
        c.put(id, cached(Uuid::nil(), "x"), before_loss);
        assert!(
            c.get(id).is_none(),
            "a read from before the loss is refused"
        );
    }

    #[test]
    fn memory_stays_within_its_byte_budget() {
        let c = live();
        let body = Bytes::from(vec![b'x'; 64 * 1024]);
        for _ in 0..(MAX_BYTES / body.len() + 10) {
            let cached = Cached {
                owner: Uuid::nil(),
                body: body.clone(),
            };
            c.put(Uuid::new_v4(), cached, c.ticket());
            let inner = c.lock();
            assert!(inner.bytes <= MAX_BYTES);
            assert_eq!(inner.bytes, inner.bytes_held());
        }
        // Replacing and dropping an answer keep the count exact.
        let id = Uuid::new_v4();
        c.put(id, cached(Uuid::nil(), "abc"), c.ticket());
        c.put(id, cached(Uuid::nil(), "abcdef"), c.ticket());
        c.changed(id);
        let inner = c.lock();
        assert_eq!(inner.bytes, inner.bytes_held());
    }

    #[test]
    fn entries_expire_and_zero_ttl_turns_it_off() {
        let c = StatusCache::new(Duration::from_millis(30));
        c.reset(true);
        let id = Uuid::new_v4();
        c.put(id, cached(Uuid::nil(), "x"), c.ticket());
        assert!(c.get(id).is_some());
        std::thread::sleep(Duration::from_millis(40));
        assert!(c.get(id).is_none(), "expired");
        let off = StatusCache::new(Duration::ZERO);
        off.reset(true);
        off.put(id, cached(Uuid::nil(), "x"), off.ticket());
        assert!(off.get(id).is_none());
    }
}
