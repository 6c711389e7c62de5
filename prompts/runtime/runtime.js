/*
 * aimini browser runtime, API version 1 ("aimini-runtime/1").
 *
 * Development and test implementation of prompts/runtime-api.md. Plain ES2020, no dependencies,
 * no network. Load this file first, then a game's logic.js (which calls aimini.game once), then
 * call aimini.start({canvas, params, seed, onScore, onEvent, onGameOver}).
 *
 * Decisions where the API text leaves room (kept in step with the report in the repo history):
 * - ctx.params is a deep, frozen copy: "read, never modify" is enforced (in-place sort/shuffle of a
 *   params array throws and is reported like any other game error).
 * - The PRNG is mulberry32. Run k (0 = first start, 1 = first restart, ...) is seeded with
 *   (seed + k * 0x9E3779B9) >>> 0, so every run is reproducible from the seed and its own input.
 * - ctx.time / ctx.frame advance before each update (the first update sees frame 1, time dt) and
 *   keep advancing after gameOver so the final screen may animate; the score resets on restart.
 * - ctx.restart() called from inside update/draw is applied when that callback returns.
 * - A press and release inside one frame still report pressed (and released) for that frame.
 * - Pointer coordinates are not clamped: a tap in the letterbox maps outside 0..640 x 0..360.
 * - Keys A/W/S/D report both their letter and their direction.
 */
(function (root) {
  "use strict";

  var WIDTH = 640;
  var HEIGHT = 360;
  var MAX_DT = 0.1;
  var FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

  // ---------------------------------------------------------------- helpers

  function num(v, fallback) {
    var n = Number(v);
    return Number.isFinite(n) ? n : fallback;
  }

  // Limits every runtime applies the same way (prompts/runtime-api.md, "Limits"): the headless
  // runner's host holds them too, so a game behaves alike in the browser and in the smoke test.
  var MAX_COLOR = 64;
  var MAX_NAME = 64;
  var MAX_TEXT = 2000;
  var MAX_SPRITE = 256;
  var MAX_POINTS = 1024;

  function color(c, fallback) {
    if (typeof c === "string" && c.length > 0 && c.length <= MAX_COLOR) return c;
    return fallback;
  }

  function cutText(s) {
    return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
  }

  // The sprite's size after the checks every runtime makes (names, rows, palette colours).
  function spriteSize(name, rows, pal) {
    if (name.length > MAX_NAME) throw new RangeError("sprite.define: a sprite name is at most " + MAX_NAME + " characters");
    if (!Array.isArray(rows) || rows.length === 0) throw new Error("sprite.define(\"" + name + "\"): rows must be a non-empty array of strings");
    if (rows.length > MAX_SPRITE) throw new RangeError("sprite.define(\"" + name + "\"): a sprite is at most " + MAX_SPRITE + "x" + MAX_SPRITE + " pixels (" + rows.length + " rows)");
    var w = 0;
    for (var i = 0; i < rows.length; i++) w = Math.max(w, String(rows[i]).length);
    if (w === 0) throw new Error("sprite.define(\"" + name + "\"): rows are empty");
    if (w > MAX_SPRITE) throw new RangeError("sprite.define(\"" + name + "\"): a sprite is at most " + MAX_SPRITE + "x" + MAX_SPRITE + " pixels (a row of " + w + ")");
    Object.keys(pal).forEach(function (k) {
      var c = pal[k];
      if (typeof c === "string" && c.length > MAX_COLOR) {
        throw new RangeError("sprite.define(\"" + name + "\"): the palette colour of \"" + k + "\" is longer than " + MAX_COLOR + " characters");
      }
    });
    return { w: w, h: rows.length };
  }

  function deepFreeze(v) {
    if (v && typeof v === "object" && !Object.isFrozen(v)) {
      Object.freeze(v);
      Object.keys(v).forEach(function (k) { deepFreeze(v[k]); });
    }
    return v;
  }

  function cloneJson(v) {
    if (v === undefined) return undefined;
    try { return JSON.parse(JSON.stringify(v)); } catch (e) { return v; }
  }

  function mulberry32(a) {
    return function () {
      a = (a + 0x6d2b79f5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function normalizeSeed(seed) {
    if (typeof seed === "string") {
      // FNV-1a, so a textual seed works too.
      var h = 0x811c9dc5;
      for (var i = 0; i < seed.length; i++) {
        h ^= seed.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
      }
      return h >>> 0;
    }
    var n = Number(seed);
    if (Number.isFinite(n)) return Math.floor(Math.abs(n)) >>> 0;
    return ((Date.now() ^ Math.floor(Math.random() * 4294967296)) >>> 0);
  }

  // ---------------------------------------------------------------- keys

  var CODE_KEYS = {
    ArrowLeft: ["left"], ArrowRight: ["right"], ArrowUp: ["up"], ArrowDown: ["down"],
    KeyA: ["a", "left"], KeyD: ["d", "right"], KeyW: ["w", "up"], KeyS: ["s", "down"],
    Space: ["action"], Enter: ["action"], NumpadEnter: ["action"],
    Escape: ["escape"], Backspace: ["backspace"],
  };
  (function () {
    for (var c = 97; c <= 122; c++) {
      var ch = String.fromCharCode(c);
      var code = "Key" + ch.toUpperCase();
      if (!CODE_KEYS[code]) CODE_KEYS[code] = [ch];
    }
    for (var d = 0; d <= 9; d++) {
      CODE_KEYS["Digit" + d] = [String(d)];
      CODE_KEYS["Numpad" + d] = [String(d)];
    }
  })();
  // Fallback by e.key when e.code is missing or unusual (some virtual keyboards).
  var KEY_KEYS = {
    ArrowLeft: ["left"], ArrowRight: ["right"], ArrowUp: ["up"], ArrowDown: ["down"],
    Left: ["left"], Right: ["right"], Up: ["up"], Down: ["down"],
    " ": ["action"], Spacebar: ["action"], Enter: ["action"], Escape: ["escape"], Esc: ["escape"],
    Backspace: ["backspace"],
  };

  function keysFor(e) {
    var k = CODE_KEYS[e.code];
    if (k) return k;
    k = KEY_KEYS[e.key];
    if (k) return k;
    if (typeof e.key === "string" && e.key.length === 1) {
      var ch = e.key.toLowerCase();
      if (/^[a-z0-9]$/.test(ch)) {
        if (ch === "a") return ["a", "left"];
        if (ch === "d") return ["d", "right"];
        if (ch === "w") return ["w", "up"];
        if (ch === "s") return ["s", "down"];
        return [ch];
      }
    }
    return null;
  }

  // Lenient key names for input.down/pressed: case-insensitive, plus a few obvious aliases.
  var KEY_ALIASES = {
    space: "action", enter: "action", return: "action", " ": "action", esc: "escape",
    arrowleft: "left", arrowright: "right", arrowup: "up", arrowdown: "down",
  };
  function normKey(k) {
    var s = String(k).toLowerCase();
    return KEY_ALIASES[s] || s;
  }

  function isEditable(t) {
    if (!t || !t.tagName) return false;
    var tag = t.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || t.isContentEditable;
  }

  function isActivatable(t) {
    if (!t || !t.tagName) return false;
    var tag = t.tagName.toLowerCase();
    return tag === "button" || tag === "a" || tag === "summary";
  }

  // ---------------------------------------------------------------- sound

  function createSound() {
    var ac = null;
    var master = null;
    var voices = 0;
    var MAX_VOICES = 24;
    var TYPES = { square: 1, sine: 1, triangle: 1, sawtooth: 1 };

    function unlock() {
      try {
        if (!ac) {
          var AC = root.AudioContext || root.webkitAudioContext;
          if (!AC) return;
          ac = new AC();
          master = ac.createGain();
          master.gain.value = 0.6;
          master.connect(ac.destination);
        }
        if (ac.state === "suspended" && ac.resume) {
          var p = ac.resume();
          if (p && p.catch) p.catch(function () {});
        }
      } catch (e) {
        ac = null;
      }
    }

    function ready() {
      return !!(ac && master && ac.state === "running");
    }

    // One oscillator note. at: seconds from now; freqEnd: optional glide target.
    function note(freq, at, dur, type, volume, freqEnd) {
      if (!ready() || voices >= MAX_VOICES) return;
      try {
        var t0 = ac.currentTime + Math.max(0, at);
        var osc = ac.createOscillator();
        var g = ac.createGain();
        osc.type = TYPES[type] ? type : "square";
        var f = Math.min(20000, Math.max(20, freq));
        osc.frequency.setValueAtTime(f, t0);
        if (freqEnd) {
          osc.frequency.exponentialRampToValueAtTime(Math.min(20000, Math.max(20, freqEnd)), t0 + dur);
        }
        var attack = Math.min(0.01, dur / 4);
        g.gain.setValueAtTime(0, t0);
        g.gain.linearRampToValueAtTime(volume, t0 + attack);
        g.gain.setValueAtTime(volume, t0 + Math.max(attack, dur * 0.6));
        g.gain.linearRampToValueAtTime(0, t0 + dur);
        osc.connect(g);
        g.connect(master);
        voices++;
        osc.onended = function () {
          voices = Math.max(0, voices - 1);
          try { osc.disconnect(); g.disconnect(); } catch (e) { /* ignore */ }
        };
        osc.start(t0);
        osc.stop(t0 + dur + 0.02);
      } catch (e) {
        /* sound never fails */
      }
    }

    var EFFECTS = {
      click: function () { note(1200, 0, 0.03, "square", 0.12); },
      coin: function () { note(988, 0, 0.07, "square", 0.15); note(1319, 0.07, 0.18, "square", 0.15); },
      hit: function () { note(220, 0, 0.12, "sawtooth", 0.2, 70); note(140, 0.01, 0.1, "square", 0.1, 60); },
      jump: function () { note(300, 0, 0.15, "triangle", 0.25, 700); },
      lose: function () {
        note(392, 0, 0.16, "triangle", 0.22); note(330, 0.16, 0.16, "triangle", 0.22);
        note(262, 0.32, 0.35, "triangle", 0.22, 180);
      },
      win: function () {
        note(523, 0, 0.1, "square", 0.14); note(659, 0.1, 0.1, "square", 0.14);
        note(784, 0.2, 0.1, "square", 0.14); note(1047, 0.3, 0.3, "square", 0.14);
      },
    };

    var api = {
      tone: function (freq, ms, opts) {
        var o = opts && typeof opts === "object" ? opts : {};
        var f = num(freq, 440);
        var d = Math.min(5, Math.max(0.005, num(ms, 100) / 1000));
        var v = Math.min(1, Math.max(0, num(o.volume, 0.2)));
        note(f, 0, d, o.type, v);
      },
      effect: function (name) {
        var fx = EFFECTS[String(name)];
        if (fx) fx();
      },
    };
    return { api: Object.freeze(api), unlock: unlock };
  }

  // ---------------------------------------------------------------- instance

  var gameDef = null;
  var current = null;

  var debugState = {
    score: 0, gameOver: null, frame: 0, time: 0, error: null, events: [], running: false,
    view: { left: 0, top: 0, scale: 1 },
  };

  function createInstance(opts) {
    var def = gameDef;
    var setupFn = typeof def.setup === "function" ? def.setup : function () {};
    var updateFn = typeof def.update === "function" ? def.update : function () {};
    var drawFn = typeof def.draw === "function" ? def.draw : function () {};

    var doc = root.document;
    var canvas = opts.canvas;
    if (typeof canvas === "string") canvas = doc.querySelector(canvas);
    if (!canvas) {
      var host = doc.createElement("div");
      host.style.cssText = "position:fixed;inset:0;background:#000";
      canvas = doc.createElement("canvas");
      host.appendChild(canvas);
      doc.body.appendChild(host);
    }
    var container = canvas.parentElement;
    if (container && root.getComputedStyle(container).position === "static") {
      container.style.position = "relative";
    }
    canvas.style.position = "absolute";
    canvas.style.left = "0";
    canvas.style.top = "0";
    canvas.style.width = "100%";
    canvas.style.height = "100%";
    canvas.style.display = "block";
    canvas.style.touchAction = "none";
    canvas.style.userSelect = "none";
    canvas.style.webkitUserSelect = "none";
    canvas.style.webkitTapHighlightColor = "transparent";
    if (container && container.clientHeight < 2) container.style.aspectRatio = "16 / 9";
    if (!canvas.hasAttribute("tabindex")) canvas.setAttribute("tabindex", "0");
    canvas.style.outline = "none";

    var g = canvas.getContext("2d");
    var view = { ox: 0, oy: 0, scale: 1, dpr: 1, cssW: WIDTH, cssH: HEIGHT };

    function layout() {
      var dpr = root.devicePixelRatio || 1;
      var cw = canvas.clientWidth || WIDTH;
      var ch = canvas.clientHeight || HEIGHT;
      var bw = Math.max(1, Math.round(cw * dpr));
      var bh = Math.max(1, Math.round(ch * dpr));
      if (canvas.width !== bw) canvas.width = bw;
      if (canvas.height !== bh) canvas.height = bh;
      var s = Math.min(bw / WIDTH, bh / HEIGHT);
      view.scale = s;
      view.dpr = dpr;
      view.cssW = cw;
      view.cssH = ch;
      view.ox = Math.floor((bw - WIDTH * s) / 2);
      view.oy = Math.floor((bh - HEIGHT * s) / 2);
      debugState.view = { left: view.ox / dpr, top: view.oy / dpr, scale: s / dpr, x: view.ox, y: view.oy, pixelScale: s };
    }

    // ------------------------------------------------------------ state
    var baseSeed = normalizeSeed(opts.seed);
    var runIndex = 0;
    var rng = mulberry32(baseSeed);
    var params = deepFreeze(cloneJson(opts.params && typeof opts.params === "object" ? opts.params : {}) || {});
    var score = 0;
    var over = null;
    var time = 0;
    var frame = 0;
    var running = false;
    var failed = null;
    var rafId = 0;
    var lastTs = null;
    var inCallback = false;
    var restartPending = false;
    var store = new Map();
    var sprites = new Map();
    var sound = createSound();

    // ------------------------------------------------------------ input
    var held = new Set();
    var pendingPressed = new Set();
    var framePressed = new Set();
    var pendingTyped = [];
    var typed = [];
    var pointer = { x: WIDTH / 2, y: HEIGHT / 2, down: false, pressed: false, released: false };
    var pointerId = null;
    var pendingPointerPressed = false;
    var pendingPointerReleased = false;
    var pointerDownState = false;
    var pointerPos = { x: WIDTH / 2, y: HEIGHT / 2 };

    function toCanvas(e) {
      var r = canvas.getBoundingClientRect();
      var sx = r.width ? canvas.width / r.width : view.dpr;
      var sy = r.height ? canvas.height / r.height : view.dpr;
      var bx = (e.clientX - r.left) * sx;
      var by = (e.clientY - r.top) * sy;
      return { x: (bx - view.ox) / view.scale, y: (by - view.oy) / view.scale };
    }

    function onKeyDown(e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (isEditable(e.target)) return;
      sound.unlock();
      var ks = keysFor(e);
      var activatable = isActivatable(e.target) && (e.key === "Enter" || e.key === " ");
      if (ks) {
        for (var i = 0; i < ks.length; i++) {
          if (!held.has(ks[i]) && !e.repeat) pendingPressed.add(ks[i]);
          held.add(ks[i]);
        }
        if (!activatable) e.preventDefault();
      }
      if (typeof e.key === "string" && e.key.length === 1) {
        var ch = e.key.toLowerCase();
        if (/^[a-z0-9-]$/.test(ch)) pendingTyped.push(ch);
      }
    }

    function onKeyUp(e) {
      var ks = keysFor(e);
      if (ks) for (var i = 0; i < ks.length; i++) held.delete(ks[i]);
    }

    function onBlur() {
      held.clear();
      if (pointerDownState) {
        pointerDownState = false;
        pendingPointerReleased = true;
      }
      pointerId = null;
    }

    function onPointerDown(e) {
      sound.unlock();
      if (pointerId !== null && e.pointerId !== pointerId) return; // first touch only
      if (e.button !== undefined && e.button > 0 && e.pointerType === "mouse") return;
      pointerId = e.pointerId;
      var p = toCanvas(e);
      pointerPos.x = p.x;
      pointerPos.y = p.y;
      pointerDownState = true;
      pendingPointerPressed = true;
      try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* ignore */ }
      try { canvas.focus({ preventScroll: true }); } catch (err) { /* ignore */ }
      e.preventDefault();
    }

    function onPointerMove(e) {
      if (pointerId !== null && e.pointerId !== pointerId) return;
      if (pointerId === null && e.pointerType !== "mouse") return;
      var p = toCanvas(e);
      pointerPos.x = p.x;
      pointerPos.y = p.y;
    }

    function onPointerUp(e) {
      if (pointerId === null || e.pointerId !== pointerId) return;
      var p = toCanvas(e);
      pointerPos.x = p.x;
      pointerPos.y = p.y;
      pointerId = null;
      if (pointerDownState) {
        pointerDownState = false;
        pendingPointerReleased = true;
      }
      try { canvas.releasePointerCapture(e.pointerId); } catch (err) { /* ignore */ }
    }

    function onContextMenu(e) { e.preventDefault(); }

    function latchInput() {
      framePressed.clear();
      pendingPressed.forEach(function (k) { framePressed.add(k); });
      pendingPressed.clear();
      typed.length = 0;
      for (var i = 0; i < pendingTyped.length; i++) typed.push(pendingTyped[i]);
      pendingTyped.length = 0;
      pointer.x = pointerPos.x;
      pointer.y = pointerPos.y;
      pointer.pressed = pendingPointerPressed;
      pointer.released = pendingPointerReleased;
      pointer.down = pointerDownState;
      pendingPointerPressed = false;
      pendingPointerReleased = false;
    }

    function clearEdges() {
      framePressed.clear();
      pendingPressed.clear();
      typed.length = 0;
      pendingTyped.length = 0;
      pointer.pressed = false;
      pointer.released = false;
      pendingPointerPressed = false;
      pendingPointerReleased = false;
    }

    root.addEventListener("keydown", onKeyDown);
    root.addEventListener("keyup", onKeyUp);
    root.addEventListener("blur", onBlur);
    canvas.addEventListener("pointerdown", onPointerDown);
    canvas.addEventListener("pointermove", onPointerMove);
    canvas.addEventListener("pointerup", onPointerUp);
    canvas.addEventListener("pointercancel", onPointerUp);
    canvas.addEventListener("contextmenu", onContextMenu);

    // ------------------------------------------------------------ drawing
    function fill(c) { g.fillStyle = color(c, "#fff"); }
    function stroke(c, lw) {
      g.strokeStyle = color(c, "#fff");
      g.lineWidth = Math.max(0, num(lw, 1));
    }

    function roundRectPath(x, y, w, h, r) {
      if (w < 0) { x += w; w = -w; }
      if (h < 0) { y += h; h = -h; }
      r = Math.max(0, Math.min(r, w / 2, h / 2));
      g.beginPath();
      g.moveTo(x + r, y);
      g.lineTo(x + w - r, y);
      g.arcTo(x + w, y, x + w, y + r, r);
      g.lineTo(x + w, y + h - r);
      g.arcTo(x + w, y + h, x + w - r, y + h, r);
      g.lineTo(x + r, y + h);
      g.arcTo(x, y + h, x, y + h - r, r);
      g.lineTo(x, y + r);
      g.arcTo(x, y, x + r, y, r);
      g.closePath();
    }

    function font(size, bold) {
      return (bold ? "bold " : "") + size + "px " + FONT_FAMILY;
    }

    var sprite = Object.freeze({
      define: function (name, rows, palette) {
        name = String(name);
        var pal = palette && typeof palette === "object" ? palette : {};
        var size = spriteSize(name, rows, pal);
        var h = size.h;
        var w = size.w;
        // The headless runner's budget for all sprites together, kept here too.
        var old = sprites.get(name);
        var total = w * h - (old ? old.w * old.h : 0);
        sprites.forEach(function (s) { total += s.w * s.h; });
        if (total > 4194304) throw new Error("sprite.define(\"" + name + "\"): sprites use more than 4194304 pixels in all");
        var off = doc.createElement("canvas");
        off.width = w;
        off.height = h;
        var og = off.getContext("2d");
        for (var yy = 0; yy < h; yy++) {
          var row = String(rows[yy]);
          for (var xx = 0; xx < row.length; xx++) {
            var ch = row[xx];
            if (ch === "." || ch === " ") continue;
            var c = pal[ch];
            if (typeof c !== "string" || !c) continue;
            og.fillStyle = c;
            og.fillRect(xx, yy, 1, 1);
          }
        }
        sprites.set(name, { canvas: off, w: w, h: h });
      },
      draw: function (name, x, y, scale) {
        var s = sprites.get(String(name));
        if (!s) throw new Error("sprite.draw: unknown sprite \"" + name + "\" (define it in setup)");
        var k = num(scale, 4);
        if (!(k > 0)) return;
        g.imageSmoothingEnabled = false;
        g.drawImage(s.canvas, num(x, 0), num(y, 0), s.w * k, s.h * k);
      },
      size: function (name) {
        var s = sprites.get(String(name));
        if (!s) throw new Error("sprite.size: unknown sprite \"" + name + "\"");
        return { w: s.w, h: s.h };
      },
    });

    // ------------------------------------------------------------ ctx
    var scoreApi = Object.freeze({
      get: function () { return score; },
      set: function (n) { setScore(n); },
      add: function (n) { setScore(score + num(n, 0)); },
    });

    function setScore(n) {
      var v = Math.round(num(n, 0));
      if (v !== score) {
        score = v;
        debugState.score = score;
        callback(opts.onScore, score);
      }
    }

    function callback(fn) {
      if (typeof fn !== "function") return;
      try {
        fn.apply(null, Array.prototype.slice.call(arguments, 1));
      } catch (e) {
        console.error("[aimini] page callback failed:", e);
      }
    }

    var input = Object.freeze({
      down: function (k) { return held.has(normKey(k)); },
      pressed: function (k) { return framePressed.has(normKey(k)); },
      get typed() { return typed; },
      get pointer() { return pointer; },
    });

    var ctx = {
      width: WIDTH,
      height: HEIGHT,
      clear: function (c) {
        fill(c);
        g.fillRect(0, 0, WIDTH, HEIGHT);
      },
      rect: function (x, y, w, h, c) {
        fill(c);
        g.fillRect(num(x, 0), num(y, 0), num(w, 0), num(h, 0));
      },
      strokeRect: function (x, y, w, h, c, lw) {
        stroke(c, lw);
        g.strokeRect(num(x, 0), num(y, 0), num(w, 0), num(h, 0));
      },
      roundRect: function (x, y, w, h, r, c) {
        fill(c);
        roundRectPath(num(x, 0), num(y, 0), num(w, 0), num(h, 0), num(r, 0));
        g.fill();
      },
      circle: function (x, y, r, c) {
        fill(c);
        g.beginPath();
        g.arc(num(x, 0), num(y, 0), Math.max(0, num(r, 0)), 0, Math.PI * 2);
        g.fill();
      },
      strokeCircle: function (x, y, r, c, lw) {
        stroke(c, lw);
        g.beginPath();
        g.arc(num(x, 0), num(y, 0), Math.max(0, num(r, 0)), 0, Math.PI * 2);
        g.stroke();
      },
      line: function (x1, y1, x2, y2, c, lw) {
        stroke(c, lw);
        g.lineCap = "round";
        g.beginPath();
        g.moveTo(num(x1, 0), num(y1, 0));
        g.lineTo(num(x2, 0), num(y2, 0));
        g.stroke();
      },
      poly: function (points, c) {
        if (!Array.isArray(points) || points.length < 2) return;
        fill(c);
        g.beginPath();
        var started = false;
        var used = 0;
        for (var i = 0; i < points.length && used < MAX_POINTS; i++) {
          var p = points[i];
          if (!p) continue;
          var px = num(Array.isArray(p) ? p[0] : p.x, NaN);
          var py = num(Array.isArray(p) ? p[1] : p.y, NaN);
          if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
          if (!started) { g.moveTo(px, py); started = true; } else g.lineTo(px, py);
          used++;
        }
        g.closePath();
        g.fill();
      },
      text: function (str, x, y, o) {
        o = o && typeof o === "object" ? o : {};
        var size = Math.min(400, Math.max(1, num(o.size, 16)));
        g.font = font(size, !!o.bold);
        g.textAlign = o.align === "center" || o.align === "right" ? o.align : "left";
        g.textBaseline = "middle";
        fill(color(o.color, "#fff"));
        g.fillText(cutText(str === undefined || str === null ? "" : String(str)), num(x, 0), num(y, 0));
      },
      measureText: function (str, size) {
        g.font = font(Math.min(400, Math.max(1, num(size, 16))), false);
        return g.measureText(cutText(str === undefined || str === null ? "" : String(str))).width;
      },
      sprite: sprite,
      input: input,
      sound: sound.api,
      random: function () { return rng(); },
      randInt: function (min, max) {
        var a = Math.ceil(num(min, 0));
        var b = Math.floor(num(max, 0));
        if (b < a) { var t = a; a = b; b = t; }
        return a + Math.floor(rng() * (b - a + 1));
      },
      pick: function (arr) {
        if (!arr || !arr.length) return undefined;
        return arr[Math.floor(rng() * arr.length)];
      },
      shuffle: function (arr) {
        if (!Array.isArray(arr)) return arr;
        if (Object.isFrozen(arr) && arr.length > 1) {
          throw new TypeError("ctx.shuffle: this array is read-only (ctx.params is read-only; shuffle a copy: ctx.shuffle(arr.slice()))");
        }
        for (var i = arr.length - 1; i > 0; i--) {
          var j = Math.floor(rng() * (i + 1));
          var t = arr[i];
          arr[i] = arr[j];
          arr[j] = t;
        }
        return arr;
      },
      get time() { return time; },
      get frame() { return frame; },
      params: params,
      score: scoreApi,
      gameOver: function (o) {
        if (over) return;
        o = o && typeof o === "object" ? o : {};
        over = { won: !!o.won, message: o.message === undefined || o.message === null ? "" : String(o.message) };
        debugState.gameOver = over;
        callback(opts.onGameOver, { won: over.won, message: over.message, score: score });
      },
      restart: function () {
        if (inCallback) restartPending = true;
        else doRestart();
      },
      event: function (name, data) {
        var ev = { name: String(name), data: cloneJson(data === undefined ? {} : data), frame: frame, time: time };
        debugState.events.push(ev);
        if (debugState.events.length > 100) debugState.events.shift();
        callback(opts.onEvent, ev.name, ev.data);
      },
      store: Object.freeze({
        get: function (key, fallback) {
          var k = String(key);
          return store.has(k) ? cloneJson(store.get(k)) : fallback;
        },
        set: function (key, value) { store.set(String(key), cloneJson(value)); },
      }),
    };
    Object.freeze(ctx);

    // ------------------------------------------------------------ lifecycle
    function call(fn, a, b) {
      inCallback = true;
      try {
        fn(a, b);
      } finally {
        inCallback = false;
      }
    }

    function resetRun() {
      rng = mulberry32((baseSeed + Math.imul(runIndex, 0x9e3779b9)) >>> 0);
      runIndex++;
      time = 0;
      frame = 0;
      over = null;
      restartPending = false;
      debugState.gameOver = null;
      debugState.frame = 0;
      debugState.time = 0;
      clearEdges();
      if (score !== 0) {
        score = 0;
        debugState.score = 0;
        callback(opts.onScore, 0);
      } else {
        debugState.score = 0;
      }
    }

    function beginFrame() {
      layout();
      g.setTransform(1, 0, 0, 1, 0, 0);
      g.globalAlpha = 1;
      g.fillStyle = "#000";
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.save();
      g.setTransform(view.scale, 0, 0, view.scale, view.ox, view.oy);
      g.beginPath();
      g.rect(0, 0, WIDTH, HEIGHT);
      g.clip();
    }

    function endFrame() {
      g.restore();
    }

    function render() {
      beginFrame();
      try {
        call(drawFn, ctx);
      } finally {
        endFrame();
      }
    }

    function doRestart() {
      try {
        resetRun();
        call(setupFn, ctx);
        restartPending = false;
        failed = null;
        debugState.error = null;
        if (!running) startLoop();
      } catch (err) {
        fail(err, "setup");
      }
    }

    function tick(ts) {
      rafId = 0;
      if (!running) return;
      var dt = lastTs === null ? 1 / 60 : (ts - lastTs) / 1000;
      lastTs = ts;
      if (!(dt >= 0)) dt = 0;
      if (dt > MAX_DT) dt = MAX_DT;
      var phase = "update";
      try {
        latchInput();
        time += dt;
        frame++;
        debugState.time = time;
        debugState.frame = frame;
        if (!over) call(updateFn, ctx, dt);
        if (restartPending) {
          phase = "setup";
          resetRun();
          call(setupFn, ctx);
        }
        phase = "draw";
        render();
        if (restartPending) {
          phase = "setup";
          resetRun();
          call(setupFn, ctx);
        }
      } catch (err) {
        fail(err, phase);
        return;
      }
      if (running) rafId = root.requestAnimationFrame(tick);
    }

    function startLoop() {
      running = true;
      debugState.running = true;
      lastTs = null;
      if (!rafId) rafId = root.requestAnimationFrame(tick);
    }

    function stopLoop() {
      running = false;
      debugState.running = false;
      if (rafId) root.cancelAnimationFrame(rafId);
      rafId = 0;
    }

    function wrapText(text, maxW) {
      var words = String(text).split(/\s+/);
      var lines = [];
      var line = "";
      for (var i = 0; i < words.length; i++) {
        var test = line ? line + " " + words[i] : words[i];
        if (g.measureText(test).width > maxW && line) {
          lines.push(line);
          line = words[i];
        } else line = test;
      }
      if (line) lines.push(line);
      return lines;
    }

    function fail(err, phase) {
      stopLoop();
      failed = err;
      var msg = (err && err.message) || String(err);
      debugState.error = { phase: phase, message: msg, stack: err && err.stack ? String(err.stack) : "" };
      console.error("[aimini] game error in " + phase + ":", err);
      callback(opts.onError, debugState.error);
      try {
        layout();
        g.setTransform(view.scale, 0, 0, view.scale, view.ox, view.oy);
        g.fillStyle = "rgba(60,0,0,0.88)";
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.fillStyle = "#ff6b6b";
        g.textAlign = "left";
        g.textBaseline = "top";
        g.font = font(20, true);
        g.fillText("Game error (" + phase + ")", 24, 24);
        g.fillStyle = "#fff";
        g.font = "14px ui-monospace, Menlo, Consolas, monospace";
        var lines = wrapText(msg, WIDTH - 48).slice(0, 14);
        for (var i = 0; i < lines.length; i++) g.fillText(lines[i], 24, 60 + i * 18);
        g.setTransform(1, 0, 0, 1, 0, 0);
      } catch (e) { /* ignore */ }
    }

    function destroy() {
      stopLoop();
      root.removeEventListener("keydown", onKeyDown);
      root.removeEventListener("keyup", onKeyUp);
      root.removeEventListener("blur", onBlur);
      canvas.removeEventListener("pointerdown", onPointerDown);
      canvas.removeEventListener("pointermove", onPointerMove);
      canvas.removeEventListener("pointerup", onPointerUp);
      canvas.removeEventListener("pointercancel", onPointerUp);
      canvas.removeEventListener("contextmenu", onContextMenu);
    }

    // First run.
    layout();
    try {
      resetRun();
      call(setupFn, ctx);
      if (restartPending) {
        resetRun();
        call(setupFn, ctx);
      }
      startLoop();
    } catch (err) {
      fail(err, "setup");
    }

    return {
      ctx: ctx,
      canvas: canvas,
      restart: function () { doRestart(); },
      stop: destroy,
      get error() { return failed; },
    };
  }

  // ---------------------------------------------------------------- sandbox (player frame)
  //
  // Helpers for the API's player (GET /play/{id}/frame, see api/src/routes/play.rs), where the game
  // runs in an opaque-origin iframe. They are defence in depth and convenience only: the iframe
  // sandbox and the frame's Content-Security-Policy are what actually contain a game.

  // A Storage-like in-memory store: generated games often reach for localStorage, which throws in an
  // opaque origin; this keeps them running (nothing persists, as for ctx.store).
  function createMemoryStorage() {
    var m = new Map();
    var MAX_BYTES = 1 << 20;
    var bytes = 0;
    function size(k, v) { return (k.length + v.length) * 2; }
    var s = {
      getItem: function (k) { k = String(k); return m.has(k) ? m.get(k) : null; },
      setItem: function (k, v) {
        k = String(k);
        v = String(v);
        var old = m.has(k) ? size(k, m.get(k)) : 0;
        if (bytes - old + size(k, v) > MAX_BYTES) throw new Error("storage quota exceeded (in-memory store, 1 MiB)");
        bytes += size(k, v) - old;
        m.set(k, v);
      },
      removeItem: function (k) {
        k = String(k);
        if (m.has(k)) { bytes -= size(k, m.get(k)); m.delete(k); }
      },
      clear: function () { m.clear(); bytes = 0; },
      key: function (i) {
        var ks = Array.from(m.keys());
        return i >= 0 && i < ks.length ? ks[i] : null;
      },
    };
    Object.defineProperty(s, "length", { get: function () { return m.size; } });
    return Object.freeze(s);
  }

  var storageShims = { localStorage: null, sessionStorage: null };
  function storageShim(name) {
    if (!storageShims[name]) storageShims[name] = createMemoryStorage();
    return storageShims[name];
  }

  // Window properties that reach the network, other contexts, storage or dialogs. Replaced on the
  // frame's window before the game loads; unforgeable ones (document, location, top) cannot be, and
  // are shadowed in the game's scope instead (the server wraps logic.js, see shadows()).
  var BLOCKED_WINDOW = [
    "fetch", "XMLHttpRequest", "WebSocket", "WebTransport", "EventSource", "Worker", "SharedWorker",
    "RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel", "open", "indexedDB", "caches",
    "cookieStore", "alert", "confirm", "prompt", "print",
  ];

  // The window's own names that survive lockdown: ECMAScript's globals (a game may use them, and
  // QuickJS has the same), what this runtime and frame.js look up on the window after lockdown, and
  // what the browser tests read. Everything else (every DOM interface, `Image`, `Text`, `Option`,
  // `navigation`, `clientInformation`, the `on*` handlers, `chrome`...) is deleted: a DOM
  // constructor makes a node whose ownerDocument.defaultView is the window, and an `on*` handler
  // is called with the window as its event's target. An allowlist, because a browser update adds
  // names nobody reviewed.
  var KEEP_WINDOW = [
    "Object", "Function", "Array", "Number", "parseFloat", "parseInt", "Infinity", "NaN", "undefined",
    "Boolean", "String", "Symbol", "Date", "Promise", "RegExp", "Error", "AggregateError", "EvalError",
    "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "globalThis", "JSON", "Math",
    "Intl", "ArrayBuffer", "SharedArrayBuffer", "Atomics", "Uint8Array", "Int8Array", "Uint16Array",
    "Int16Array", "Uint32Array", "Int32Array", "Float16Array", "Float32Array", "Float64Array",
    "Uint8ClampedArray", "BigUint64Array", "BigInt64Array", "DataView", "Map", "BigInt", "Set", "WeakMap",
    "WeakSet", "Proxy", "Reflect", "FinalizationRegistry", "WeakRef", "Iterator", "decodeURI",
    "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape", "eval", "isFinite",
    "isNaN", "console",
    // Used by runtime.js/frame.js after lockdown; shadowed in the game's scope (SHADOWED_GLOBALS).
    "aimini", "window", "self", "document", "location", "top", "parent", "frames", "requestAnimationFrame",
    "cancelAnimationFrame", "devicePixelRatio", "getComputedStyle", "AudioContext", "webkitAudioContext",
    // Timers: shadowed in the game's scope (a timer calls back with the window as `this`); kept
    // on the window for the browser tests' own scripts. Read by those tests too: harmless strings.
    "setTimeout", "setInterval", "clearTimeout", "clearInterval", "queueMicrotask", "performance",
    "origin", "isSecureContext",
  ];

  // Deletes what a game must not reach by a bare name (see KEEP_WINDOW), hides the elements the
  // frame's ids would expose as globals (`game` is the canvas), and closes V8's stack-trace API
  // (CallSite.getThis() hands out the receiver of sloppy frames).
  function strip(win) {
    var keep = new Set(KEEP_WINDOW);
    Object.getOwnPropertyNames(win).forEach(function (name) {
      if (keep.has(name)) return;
      try { delete win[name]; } catch (e) { /* non-configurable: shadowed instead */ }
    });
    try {
      var named = win.document.querySelectorAll("[id],[name]");
      for (var i = 0; i < named.length; i++) {
        [named[i].id, named[i].getAttribute("name")].forEach(function (n) {
          if (!n || Object.prototype.hasOwnProperty.call(win, n)) return;
          try { Object.defineProperty(win, n, { value: undefined, writable: false, configurable: false }); } catch (e) { /* keep */ }
        });
      }
    } catch (e) { /* no document */ }
    ["prepareStackTrace", "captureStackTrace", "stackTraceLimit"].forEach(function (n) {
      try {
        var v = n === "stackTraceLimit" ? win.Error.stackTraceLimit : undefined;
        Object.defineProperty(win.Error, n, { value: v, writable: false, configurable: false });
      } catch (e) { /* keep */ }
    });
  }

  function lockdown(win) {
    BLOCKED_WINDOW.forEach(function (name) {
      try { Object.defineProperty(win, name, { value: undefined, writable: false, configurable: false }); } catch (e) { /* unforgeable */ }
    });
    ["localStorage", "sessionStorage"].forEach(function (name) {
      try { Object.defineProperty(win, name, { value: storageShim(name), writable: false, configurable: false }); } catch (e) { /* keep */ }
    });
    try {
      var N = win.Navigator && win.Navigator.prototype;
      if (N) Object.defineProperty(N, "sendBeacon", { value: function () { return false; }, writable: false, configurable: false });
    } catch (e) { /* keep */ }
    strip(win);
  }

  // What a game's `aimini` is: defining the game is all it may do. The real object (start, debug,
  // sandbox) hands out the canvas element, and through it the window.
  var gameFacade = null;
  function facade() {
    if (!gameFacade) {
      gameFacade = Object.freeze({
        version: aimini.version,
        width: aimini.width,
        height: aimini.height,
        game: function (def) { aimini.game(def); },
      });
    }
    return gameFacade;
  }

  // Values for the parameters of the server's logic.js wrapper, in the order of `names`.
  function shadows(names) {
    var out = [];
    for (var i = 0; i < names.length; i++) {
      var n = String(names[i]);
      if (n === "aimini") out.push(facade());
      else out.push(n === "localStorage" || n === "sessionStorage" ? storageShim(n) : undefined);
    }
    return out;
  }

  // Reports to the parent page with postMessage. The schema (the parent accepts nothing else):
  //   {aimini: 1, type: "ready"}
  //   {aimini: 1, type: "alive"}   (heartbeat, every second)
  //   {aimini: 1, type: "score", score: <safe integer>}
  //   {aimini: 1, type: "event", name: <string 1-64>, data: <JSON object, <= 2048 chars as JSON>}
  //   {aimini: 1, type: "gameover", won: <boolean>, message: <string <= 200>, score: <safe integer>}
  //   {aimini: 1, type: "error", phase: <string <= 16>, message: <string <= 300>}
  // and from the parent: {aimini: 1, type: "restart"}. Scores are coalesced to at most 10 a second
  // (the last value always arrives).
  function connect(target, ownWindow) {
    var lastScoreSent = 0;
    var pendingScore = null;
    var flushScheduled = false;
    var restartFns = [];
    // The frame limits itself before the page does: a game flooding ctx.event would otherwise make
    // the page deserialize megabytes a second before its own rate limit could drop them (seen in
    // tests/fixtures/hostile/corpus/event-flood.js: the page stopped answering). Only events count:
    // scores are coalesced already, and a game over must not be lost to a flood. Same bucket as
    // player.js: 60, refilled at 30 a second.
    var tokens = 60;
    var last = Date.now();
    function post(msg) {
      if (msg.type === "event") {
        var now = Date.now();
        tokens = Math.min(60, tokens + ((now - last) / 1000) * 30);
        last = now;
        if (tokens < 1) return;
        tokens -= 1;
      }
      try { target.postMessage(msg, "*"); } catch (e) { /* parent gone */ }
    }
    function int(n) {
      var v = Math.round(Number(n));
      if (!Number.isFinite(v)) return 0;
      return Math.max(-9007199254740991, Math.min(9007199254740991, v));
    }
    function str(s, max) {
      s = s === undefined || s === null ? "" : String(s);
      return s.length > max ? s.slice(0, max) : s;
    }
    function flushScore() {
      flushScheduled = false;
      if (pendingScore === null) return;
      lastScoreSent = Date.now();
      post({ aimini: 1, type: "score", score: pendingScore });
      pendingScore = null;
    }
    if (ownWindow && ownWindow.addEventListener) {
      ownWindow.addEventListener("message", function (e) {
        if (e.source !== target) return;
        var d = e.data;
        if (!d || typeof d !== "object" || d.aimini !== 1 || d.type !== "restart" || Object.keys(d).length !== 2) return;
        for (var i = 0; i < restartFns.length; i++) restartFns[i]();
      });
    }
    return {
      ready: function () { post({ aimini: 1, type: "ready" }); },
      // The frame's heartbeat (frame.js, every second): a page that stops hearing it knows the game
      // hangs or its process died, which nothing else would tell it.
      alive: function () { post({ aimini: 1, type: "alive" }); },
      score: function (n) {
        pendingScore = int(n);
        var wait = 100 - (Date.now() - lastScoreSent);
        if (wait <= 0) flushScore();
        else if (!flushScheduled) {
          flushScheduled = true;
          // The runtime's own loop drives the trailing send (no timers inside the frame's API).
          (function waitFrame() {
            root.requestAnimationFrame(function () {
              if (Date.now() - lastScoreSent >= 100) flushScore();
              else waitFrame();
            });
          })();
        }
      },
      event: function (name, data) {
        name = str(name, 64);
        if (!name) return;
        var d = data && typeof data === "object" && !Array.isArray(data) ? cloneJson(data) : {};
        var json;
        try { json = JSON.stringify(d); } catch (e) { json = "{}"; d = {}; }
        if (!json || json.length > 2048) d = {};
        post({ aimini: 1, type: "event", name: name, data: d });
      },
      gameOver: function (r) {
        if (pendingScore !== null) flushScore();
        r = r || {};
        post({ aimini: 1, type: "gameover", won: !!r.won, message: str(r.message, 200), score: int(r.score) });
      },
      error: function (e) {
        e = e || {};
        post({ aimini: 1, type: "error", phase: str(e.phase || "run", 16), message: str(e.message, 300) });
      },
      onRestart: function (fn) { if (typeof fn === "function") restartFns.push(fn); },
    };
  }

  var sandbox = Object.freeze({
    memoryStorage: createMemoryStorage,
    lockdown: lockdown,
    shadows: shadows,
    connect: connect,
  });

  // ---------------------------------------------------------------- public

  var aimini = {
    version: "aimini-runtime/1",
    width: WIDTH,
    height: HEIGHT,
    game: function (def) {
      if (!def || typeof def !== "object") throw new TypeError("aimini.game(def): def must be an object with setup, update, draw");
      ["setup", "update", "draw"].forEach(function (k) {
        if (def[k] !== undefined && typeof def[k] !== "function") throw new TypeError("aimini.game: " + k + " must be a function");
      });
      if (gameDef) console.error("[aimini] aimini.game called more than once; the last definition wins");
      gameDef = def;
    },
    start: function (opts) {
      opts = opts || {};
      if (!gameDef) throw new Error("aimini.start: no game defined (logic.js must call aimini.game)");
      if (current) current.stop();
      debugState.events = [];
      debugState.error = null;
      current = createInstance(opts);
      return current;
    },
    stop: function () {
      if (current) current.stop();
      current = null;
    },
    restart: function () {
      if (current) current.restart();
    },
    reset: function () {
      aimini.stop();
      gameDef = null;
    },
    sandbox: sandbox,
    debug: {
      get score() { return debugState.score; },
      get gameOver() { return debugState.gameOver; },
      get frame() { return debugState.frame; },
      get time() { return debugState.time; },
      get error() { return debugState.error; },
      get events() { return debugState.events.slice(); },
      get running() { return debugState.running; },
      get view() { return debugState.view; },
      get defined() { return !!gameDef; },
      restart: function () { if (current) current.restart(); },
    },
  };

  root.aimini = aimini;
})(typeof window !== "undefined" ? window : this);
