//! Scripted input: what a tester's hands do, frame by frame.

use super::session::Session;

/// Pointer ids as the browser runtime sees them: the mouse, and the first finger.
const MOUSE: u32 = 1;
const FINGER: u32 = 2;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    /// A key by DOM `code`: `"ArrowLeft"`, `"Space"`, `"Enter"`, `"KeyW"`, `"Digit1"`, `"Backspace"`.
    KeyDown(&'static str),
    KeyUp(&'static str),
    MouseMove {
        x: f64,
        y: f64,
    },
    MouseDown {
        x: f64,
        y: f64,
    },
    MouseUp {
        x: f64,
        y: f64,
    },
    TouchStart {
        x: f64,
        y: f64,
    },
    TouchMove {
        x: f64,
        y: f64,
    },
    TouchEnd {
        x: f64,
        y: f64,
    },
}

impl Action {
    pub fn apply(self, s: &mut Session) {
        match self {
            Action::KeyDown(code) => s.key_down(code),
            Action::KeyUp(code) => s.key_up(code),
            Action::MouseMove { x, y } => s.pointer_move(x, y, MOUSE, false),
            Action::MouseDown { x, y } => {
                s.pointer_move(x, y, MOUSE, false);
                s.pointer_down(x, y, MOUSE);
            }
            Action::MouseUp { x, y } => s.pointer_up(x, y, MOUSE),
            Action::TouchStart { x, y } => s.pointer_down(x, y, FINGER),
            Action::TouchMove { x, y } => s.pointer_move(x, y, FINGER, true),
            Action::TouchEnd { x, y } => s.pointer_up(x, y, FINGER),
        }
    }
}

/// Actions keyed by the frame they arrive before (frame 1 is the first tick).
#[derive(Debug, Clone, Default)]
pub struct Script {
    steps: Vec<(u32, Action)>,
}

/// Tap and click targets spread over the 640x360 canvas (the browser check's positions).
const SPREAD: [(f64, f64); 10] = [
    (160.0, 270.0),
    (480.0, 270.0),
    (160.0, 200.0),
    (480.0, 200.0),
    (320.0, 120.0),
    (100.0, 80.0),
    (540.0, 80.0),
    (320.0, 320.0),
    (220.0, 250.0),
    (420.0, 250.0),
];

impl Script {
    /// No input at all.
    pub fn none() -> Script {
        Script::default()
    }

    pub fn at(mut self, frame: u32, action: Action) -> Script {
        self.steps.push((frame, action));
        self.steps.sort_by_key(|s| s.0);
        self
    }

    /// Press a key at `frame` and release it `hold` frames later.
    pub fn key(self, frame: u32, code: &'static str, hold: u32) -> Script {
        self.at(frame, Action::KeyDown(code))
            .at(frame + hold.max(1), Action::KeyUp(code))
    }

    /// A mouse click (button held two frames).
    pub fn click(self, frame: u32, x: f64, y: f64) -> Script {
        self.at(frame, Action::MouseDown { x, y })
            .at(frame + 2, Action::MouseUp { x, y })
    }

    /// A finger tap (held two frames).
    pub fn tap(self, frame: u32, x: f64, y: f64) -> Script {
        self.at(frame, Action::TouchStart { x, y })
            .at(frame + 2, Action::TouchEnd { x, y })
    }

    /// A mouse drag from `from` to `to` over `frames` frames, then release.
    pub fn drag(mut self, frame: u32, from: (f64, f64), to: (f64, f64), frames: u32) -> Script {
        let n = frames.max(1);
        self = self.at(
            frame,
            Action::MouseDown {
                x: from.0,
                y: from.1,
            },
        );
        for i in 1..=n {
            let t = f64::from(i) / f64::from(n);
            self = self.at(
                frame + i,
                Action::MouseMove {
                    x: from.0 + (to.0 - from.0) * t,
                    y: from.1 + (to.1 - from.1) * t,
                },
            );
        }
        self.at(frame + n + 1, Action::MouseUp { x: to.0, y: to.1 })
    }

    /// The smoke test's 3 seconds (180 frames): a click in the middle, Space and Enter, each arrow,
    /// digits and Backspace, clicks spread over the canvas, taps, WASD, and a drag across.
    pub fn smoke() -> Script {
        let mut s = Script::none()
            .click(8, 320.0, 180.0)
            .key(16, "Space", 3)
            .key(22, "Enter", 3)
            .key(30, "ArrowLeft", 12)
            .key(44, "ArrowRight", 12)
            .key(58, "ArrowUp", 8)
            .key(68, "ArrowDown", 8);
        for (i, code) in [
            "Digit1",
            "Digit2",
            "Digit3",
            "Digit4",
            "Digit7",
            "Backspace",
            "Enter",
        ]
        .into_iter()
        .enumerate()
        {
            s = s.key(78 + 3 * i as u32, code, 1);
        }
        for (i, (x, y)) in SPREAD.into_iter().enumerate() {
            s = s.click(100 + 4 * i as u32, x, y);
        }
        s = s.tap(141, 320.0, 180.0).tap(145, 100.0, 300.0);
        for (i, code) in ["KeyW", "KeyA", "KeyS", "KeyD", "Space"]
            .into_iter()
            .enumerate()
        {
            s = s.key(150 + 4 * i as u32, code, 3);
        }
        s.drag(170, (120.0, 300.0), (520.0, 300.0), 6)
    }

    /// Gentle play for `frames` frames (thumbnails): start screens dismissed, then steering,
    /// taps and the action key in turn, so the game is under way rather than over.
    pub fn play(frames: u32) -> Script {
        let mut s = Script::none()
            .click(6, 320.0, 180.0)
            .key(14, "Space", 2)
            .key(20, "Enter", 2);
        let mut f = 30;
        let mut i = 0usize;
        while f + 40 < frames {
            let dir = if i.is_multiple_of(2) {
                "ArrowRight"
            } else {
                "ArrowLeft"
            };
            s = s.key(f, dir, 14);
            let (x, y) = SPREAD[i % SPREAD.len()];
            s = s.click(f + 18, x, y).key(f + 26, "Space", 2);
            f += 40;
            i += 1;
        }
        s
    }

    /// The actions that arrive before `frame`.
    pub fn actions_at(&self, frame: u32) -> impl Iterator<Item = Action> + '_ {
        let start = self.steps.partition_point(|s| s.0 < frame);
        self.steps[start..]
            .iter()
            .take_while(move |s| s.0 == frame)
            .map(|s| s.1)
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn last_frame(&self) -> u32 {
        self.steps.last().map_or(0, |s| s.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smoke_script_fits_in_three_seconds_and_releases_what_it_presses() {
        let s = Script::smoke();
        assert!(s.last_frame() <= 180, "{}", s.last_frame());
        let downs = s
            .steps
            .iter()
            .filter(|x| matches!(x.1, Action::KeyDown(_) | Action::MouseDown { .. }))
            .count();
        let ups = s
            .steps
            .iter()
            .filter(|x| matches!(x.1, Action::KeyUp(_) | Action::MouseUp { .. }))
            .count();
        assert_eq!(downs, ups);
        assert_eq!(s.actions_at(16).count(), 1);
    }
}
