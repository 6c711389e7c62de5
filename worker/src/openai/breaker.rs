//! A circuit breaker for the provider, shared by every job of a worker process.
//!
//! Closed: calls go through; `failures` consecutive failed calls open it. Open: calls are refused
//! at once (the router sends the job to the local engine) until `cooldown` has passed. Half-open:
//! exactly one trial call goes through; its success closes the breaker, its failure opens it for
//! another cooldown, and everyone else is refused while it runs.
//!
//! A failure is an HTTP attempt that failed for a reason that would fail the next request too
//! (429, 5xx, timeout, connection, bad credentials), not a request the provider refused for its
//! content. A permit dropped without a verdict (the job was cancelled mid-call) counts as a failure,
//! so a half-open breaker can never wait forever on a trial nobody finishes.

use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Closed { consecutive: u32 },
    Open { until: Instant },
    HalfOpen { trial_running: bool },
}

#[derive(Debug)]
pub struct Breaker {
    failures: u32,
    cooldown: Duration,
    state: Mutex<State>,
}

/// What callers see, for logs and routing reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakerView {
    Closed,
    /// Refusing calls; a trial is allowed in this long (zero: a trial is running now).
    Open {
        retry_in: Duration,
    },
}

/// The right to make one call; report how it went with [`Permit::success`] or [`Permit::failure`].
#[derive(Debug)]
pub struct Permit<'a> {
    breaker: &'a Breaker,
    decided: bool,
}

impl Permit<'_> {
    pub fn success(mut self) {
        self.decided = true;
        self.breaker.record(true, Instant::now());
    }

    pub fn failure(mut self) {
        self.decided = true;
        self.breaker.record(false, Instant::now());
    }

    /// The call ended in a way that says nothing about the provider's health.
    pub fn neutral(mut self) {
        self.decided = true;
        self.breaker.record_neutral();
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if !self.decided {
            self.breaker.record(false, Instant::now());
        }
    }
}

impl Breaker {
    pub fn new(failures: u32, cooldown: Duration) -> Self {
        Self {
            failures: failures.max(1),
            cooldown,
            state: Mutex::new(State::Closed { consecutive: 0 }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding this tiny lock cannot leave the state half-written.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The state at `now` without taking a permit.
    pub fn view_at(&self, now: Instant) -> BreakerView {
        match *self.lock() {
            State::Closed { .. } => BreakerView::Closed,
            State::Open { until } if until > now => BreakerView::Open {
                retry_in: until - now,
            },
            // Cooldown over: the next caller gets the trial.
            State::Open { .. } => BreakerView::Closed,
            State::HalfOpen {
                trial_running: false,
            } => BreakerView::Closed,
            State::HalfOpen {
                trial_running: true,
            } => BreakerView::Open {
                retry_in: Duration::ZERO,
            },
        }
    }

    pub fn view(&self) -> BreakerView {
        self.view_at(Instant::now())
    }

    /// A permit for one call, or how long until a trial is allowed.
    pub fn try_acquire_at(&self, now: Instant) -> Result<Permit<'_>, Duration> {
        let mut state = self.lock();
        match *state {
            State::Closed { .. } => {}
            State::Open { until } if until > now => return Err(until - now),
            State::Open { .. }
            | State::HalfOpen {
                trial_running: false,
            } => {
                *state = State::HalfOpen {
                    trial_running: true,
                };
            }
            State::HalfOpen {
                trial_running: true,
            } => return Err(Duration::ZERO),
        }
        Ok(Permit {
            breaker: self,
            decided: false,
        })
    }

    pub fn try_acquire(&self) -> Result<Permit<'_>, Duration> {
        self.try_acquire_at(Instant::now())
    }

    fn record(&self, ok: bool, now: Instant) {
        let mut state = self.lock();
        let next = match (*state, ok) {
            (_, true) => State::Closed { consecutive: 0 },
            (State::Closed { consecutive }, false) if consecutive + 1 < self.failures => {
                State::Closed {
                    consecutive: consecutive + 1,
                }
            }
            // The threshold reached, a failed trial, or a straggler failing while open.
            (_, false) => {
                tracing::warn!(
                    cooldown_secs = self.cooldown.as_secs_f64(),
                    "OpenAI circuit breaker open"
                );
                metrics::counter!("openai_breaker_opened_total").increment(1);
                State::Open {
                    until: now + self.cooldown,
                }
            }
        };
        *state = next;
    }

    fn record_neutral(&self) {
        let mut state = self.lock();
        // A trial that proved nothing lets the next caller try.
        if let State::HalfOpen { .. } = *state {
            *state = State::HalfOpen {
                trial_running: false,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(b: &Breaker, now: Instant) {
        let p = b.try_acquire_at(now).expect("permit");
        p.decided_at(false, now);
    }

    impl Permit<'_> {
        fn decided_at(mut self, ok: bool, now: Instant) {
            self.decided = true;
            self.breaker.record(ok, now);
        }
    }

    #[test]
    fn opens_after_consecutive_failures_only() {
        let b = Breaker::new(3, Duration::from_secs(30));
        let t0 = Instant::now();
        fail(&b, t0);
        fail(&b, t0);
        // A success in between resets the count.
        b.try_acquire_at(t0).expect("permit").decided_at(true, t0);
        fail(&b, t0);
        fail(&b, t0);
        assert_eq!(b.view_at(t0), BreakerView::Closed);
        fail(&b, t0);
        assert_eq!(
            b.view_at(t0),
            BreakerView::Open {
                retry_in: Duration::from_secs(30)
            }
        );
        assert_eq!(
            b.try_acquire_at(t0 + Duration::from_secs(10)).err(),
            Some(Duration::from_secs(20))
        );
    }

    #[test]
    fn half_open_allows_exactly_one_trial() {
        let b = Breaker::new(1, Duration::from_secs(5));
        let t0 = Instant::now();
        fail(&b, t0);
        let later = t0 + Duration::from_secs(6);
        let trial = b.try_acquire_at(later).expect("the trial");
        assert_eq!(b.try_acquire_at(later).err(), Some(Duration::ZERO));
        assert!(matches!(b.view_at(later), BreakerView::Open { .. }));
        // The trial fails: open for another cooldown.
        trial.decided_at(false, later);
        assert_eq!(
            b.try_acquire_at(later + Duration::from_secs(1)).err(),
            Some(Duration::from_secs(4))
        );
        // Next trial succeeds: closed, everyone passes.
        let t2 = later + Duration::from_secs(6);
        b.try_acquire_at(t2).expect("trial").decided_at(true, t2);
        assert_eq!(b.view_at(t2), BreakerView::Closed);
        let a = b.try_acquire_at(t2).expect("a");
        let c = b.try_acquire_at(t2).expect("b");
        a.neutral();
        c.neutral();
    }

    #[test]
    fn an_abandoned_trial_counts_as_a_failure() {
        let b = Breaker::new(1, Duration::from_millis(10));
        let t0 = Instant::now();
        fail(&b, t0);
        std::thread::sleep(Duration::from_millis(15));
        drop(b.try_acquire().expect("trial"));
        assert!(matches!(b.view(), BreakerView::Open { .. }));
    }

    #[test]
    fn a_neutral_trial_frees_the_slot() {
        let b = Breaker::new(1, Duration::from_secs(1));
        let t0 = Instant::now();
        fail(&b, t0);
        let later = t0 + Duration::from_secs(2);
        b.try_acquire_at(later).expect("trial").neutral();
        assert!(b.try_acquire_at(later).is_ok());
    }
}
