/*
 * aimini browser runtime, API version 1 ("aimini-runtime/1").
 *
 * Development and test implementation of prompts/runtime-api.md. Plain ES2020, no dependencies,
 * no network. Load this file first, then a game's logic.js (which calls aimini.game once), then
 * call aimini.start({canvas, params, seed, lang, onScore, onEvent, onGameOver}).
 *
 * One file for every runtime: the core (createCore: everything a game observes through ctx) is
 * written once; the browser puts it on a <canvas> with DOM events, and the worker's headless runner
 * evaluates this same file in QuickJS and drives the core through aimini.embed with a raster canvas
 * in Rust (worker/src/runner/headless.js). A game therefore behaves alike in the player and in the
 * smoke test by construction; the Chromium conformance test checks the pixels.
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
    return 0; // the browser picks a random seed before this (hasSeed); the headless runner always passes one
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

  // The character a key code types (e.key of a US layout, lower case), for a runtime that only has
  // codes (the headless runner); the browser reads e.key.
  function typedFor(code) {
    if (/^Key[A-Z]$/.test(code)) return code.charAt(3).toLowerCase();
    if (/^(Digit|Numpad)[0-9]$/.test(code)) return code.charAt(code.length - 1);
    if (code === "Minus" || code === "NumpadSubtract") return "-";
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

  // ---------------------------------------------------------------- core
  //
  // Everything a game can observe through `ctx`, written once for every runtime: state, the PRNG
  // and its per-run seeding, frozen params, input latching, restart timing, score rounding,
  // gameOver, events and the store. A runtime supplies the platform:
  //   surface: beginFrame, endFrame, fillStyle(c), strokeStyle(c), lineWidth(w), fillRect,
  //            strokeRect, fillRoundRect(x, y, w, h, r), fillCircle(x, y, r), strokeCircle,
  //            line(x1, y1, x2, y2), fillPoly([x0, y0, x1, y1, ...]),
  //            fillText(text, x, y, size, bold, align), measureText(text, size, bold),
  //            spriteDefine(name, w, h, rows, palette) -> handle, spriteDraw(sprite, x, y, scale)
  //   sound:   the frozen ctx.sound object
  //   hooks:   score(n), gameOver(over, score), event(name, data, frame, time), reset(),
  //            started(), failed(error, phase)
  // The browser's platform is a canvas and DOM events (createInstance below); the worker's headless
  // runner passes a raster canvas in Rust and drives frames itself (aimini.embed).

  // ---------------------------------------------------------------- texts in the player's language
  //
  // A game writes its texts in English and wraps them in ctx.t("Game over") or
  // ctx.t("You ate {n} {food}", {n: 3, food: name}); its definition may carry translations,
  // aimini.game({..., strings: {es: {"Game over": "Fin del juego", ...}, fr: {...}}}). The language
  // comes from the package (metadata.language) through start({lang}). A text with no translation is
  // shown in English, so a missing entry never breaks a game.
  var LANGS = ["en", "es", "fr", "de", "pt"];

  function normLang(lang) {
    var l = String(lang || "en").toLowerCase().slice(0, 2);
    return LANGS.indexOf(l) >= 0 ? l : "en";
  }

  function translator(def, lang) {
    var all = def.strings && typeof def.strings === "object" ? def.strings : null;
    var table = all && lang !== "en" && all[lang] && typeof all[lang] === "object" ? all[lang] : null;
    var own = Object.prototype.hasOwnProperty;
    return function (text, vars) {
      var s = String(text);
      if (table && own.call(table, s) && typeof table[s] === "string") s = table[s];
      if (vars && typeof vars === "object") {
        s = s.replace(/\{(\w+)\}/g, function (m, k) { return own.call(vars, k) ? String(vars[k]) : m; });
      }
      return s;
    };
  }

  var gameDef = null;
  var MAX_SPRITE_PIXELS = 4194304;
  var noop = function () {};

  function createCore(def, o) {
    var setupFn = typeof def.setup === "function" ? def.setup : noop;
    var updateFn = typeof def.update === "function" ? def.update : noop;
    var drawFn = typeof def.draw === "function" ? def.draw : noop;
    var surface = o.surface;
    var hooks = o.hooks;

    var baseSeed = normalizeSeed(o.seed);
    var runIndex = 0;
    var rng = mulberry32(baseSeed);
    var params = deepFreeze(cloneJson(o.params && typeof o.params === "object" ? o.params : {}) || {});
    var lang = normLang(o.lang);
    var translate = translator(def, lang);
    var score = 0;
    var over = null;
    var time = 0;
    var frame = 0;
    var running = false;
    var failed = null;
    var inCallback = false;
    var restartPending = false;
    var phase = "setup";
    var store = new Map();
    var sprites = new Map();

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

    // What a platform reports: keys (names as CODE_KEYS gives them), typed characters, one pointer
    // (the first touch; `touch` moves only count while it is down).
    var feed = {
      press: function (keys, repeat) {
        for (var i = 0; i < keys.length; i++) {
          if (!held.has(keys[i]) && !repeat) pendingPressed.add(keys[i]);
          held.add(keys[i]);
        }
      },
      release: function (keys) {
        for (var i = 0; i < keys.length; i++) held.delete(keys[i]);
      },
      type: function (ch) { pendingTyped.push(ch); },
      pointerDown: function (x, y, id) {
        if (pointerId !== null && id !== pointerId) return false;
        pointerId = id;
        pointerPos.x = x;
        pointerPos.y = y;
        pointerDownState = true;
        pendingPointerPressed = true;
        return true;
      },
      pointerMove: function (x, y, id, touch) {
        if (pointerId !== null && id !== pointerId) return;
        if (pointerId === null && touch) return;
        pointerPos.x = x;
        pointerPos.y = y;
      },
      pointerUp: function (x, y, id) {
        if (pointerId === null || id !== pointerId) return false;
        pointerPos.x = x;
        pointerPos.y = y;
        pointerId = null;
        if (pointerDownState) {
          pointerDownState = false;
          pendingPointerReleased = true;
        }
        return true;
      },
      blur: function () {
        held.clear();
        if (pointerDownState) {
          pointerDownState = false;
          pendingPointerReleased = true;
        }
        pointerId = null;
      },
    };

    // ------------------------------------------------------------ drawing
    function fill(c) { surface.fillStyle(color(c, "#fff")); }
    function stroke(c, lw) {
      surface.strokeStyle(color(c, "#fff"));
      surface.lineWidth(Math.max(0, num(lw, 1)));
    }

    var sprite = Object.freeze({
      define: function (name, rows, palette) {
        name = String(name);
        var pal = palette && typeof palette === "object" ? palette : {};
        var size = spriteSize(name, rows, pal);
        var old = sprites.get(name);
        var total = size.w * size.h - (old ? old.w * old.h : 0);
        sprites.forEach(function (s) { total += s.w * s.h; });
        if (total > MAX_SPRITE_PIXELS) throw new Error("sprite.define(\"" + name + "\"): sprites use more than " + MAX_SPRITE_PIXELS + " pixels in all");
        var handle = surface.spriteDefine(name, size.w, size.h, rows, pal);
        sprites.set(name, { name: name, w: size.w, h: size.h, handle: handle });
      },
      draw: function (name, x, y, scale) {
        var s = sprites.get(String(name));
        if (!s) throw new Error("sprite.draw: unknown sprite \"" + name + "\" (define it in setup)");
        var k = num(scale, 4);
        if (!(k > 0)) return;
        surface.spriteDraw(s, num(x, 0), num(y, 0), k);
      },
      size: function (name) {
        var s = sprites.get(String(name));
        if (!s) throw new Error("sprite.size: unknown sprite \"" + name + "\"");
        return { w: s.w, h: s.h };
      },
    });

    function textSize(size) { return Math.min(400, Math.max(1, num(size, 16))); }
    function textOf(str) { return cutText(str === undefined || str === null ? "" : String(str)); }

    // ------------------------------------------------------------ ctx
    function setScore(n) {
      var v = Math.round(num(n, 0));
      if (v !== score) {
        score = v;
        hooks.score(score);
      }
    }

    var scoreApi = Object.freeze({
      get: function () { return score; },
      set: function (n) { setScore(n); },
      add: function (n) { setScore(score + num(n, 0)); },
    });

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
        surface.fillRect(0, 0, WIDTH, HEIGHT);
      },
      rect: function (x, y, w, h, c) {
        fill(c);
        surface.fillRect(num(x, 0), num(y, 0), num(w, 0), num(h, 0));
      },
      strokeRect: function (x, y, w, h, c, lw) {
        stroke(c, lw);
        surface.strokeRect(num(x, 0), num(y, 0), num(w, 0), num(h, 0));
      },
      roundRect: function (x, y, w, h, r, c) {
        fill(c);
        surface.fillRoundRect(num(x, 0), num(y, 0), num(w, 0), num(h, 0), num(r, 0));
      },
      circle: function (x, y, r, c) {
        fill(c);
        surface.fillCircle(num(x, 0), num(y, 0), Math.max(0, num(r, 0)));
      },
      strokeCircle: function (x, y, r, c, lw) {
        stroke(c, lw);
        surface.strokeCircle(num(x, 0), num(y, 0), Math.max(0, num(r, 0)));
      },
      line: function (x1, y1, x2, y2, c, lw) {
        stroke(c, lw);
        surface.line(num(x1, 0), num(y1, 0), num(x2, 0), num(y2, 0));
      },
      poly: function (points, c) {
        if (!Array.isArray(points) || points.length < 2) return;
        fill(c);
        var flat = [];
        for (var i = 0; i < points.length; i++) {
          var p = points[i];
          if (!p) continue;
          var px = num(Array.isArray(p) ? p[0] : p.x, NaN);
          var py = num(Array.isArray(p) ? p[1] : p.y, NaN);
          if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
          flat.push(px, py);
          if (flat.length >= MAX_POINTS * 2) break;
        }
        surface.fillPoly(flat);
      },
      text: function (str, x, y, opts) {
        opts = opts && typeof opts === "object" ? opts : {};
        var align = opts.align === "center" || opts.align === "right" ? opts.align : "left";
        fill(color(opts.color, "#fff"));
        surface.fillText(textOf(str), num(x, 0), num(y, 0), textSize(opts.size), !!opts.bold, align);
      },
      measureText: function (str, size) {
        return surface.measureText(textOf(str), textSize(size), false);
      },
      sprite: sprite,
      input: input,
      sound: o.sound,
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
      lang: lang,
      t: translate,
      score: scoreApi,
      gameOver: function (r) {
        if (over) return;
        r = r && typeof r === "object" ? r : {};
        over = { won: !!r.won, message: r.message === undefined || r.message === null ? "" : String(r.message) };
        hooks.gameOver(over, score);
      },
      restart: function () {
        if (inCallback) restartPending = true;
        else doRestart();
      },
      event: function (name, data) {
        hooks.event(String(name), cloneJson(data === undefined ? {} : data), frame, time);
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
      clearEdges();
      if (score !== 0) {
        score = 0;
        hooks.score(0);
      }
      hooks.reset();
    }

    function setup() {
      phase = "setup";
      resetRun();
      call(setupFn, ctx);
    }

    function render() {
      surface.beginFrame();
      try {
        call(drawFn, ctx);
      } finally {
        surface.endFrame();
      }
    }

    function start() {
      var was = running;
      running = true;
      if (!was) hooks.started();
    }

    function fail(err, at) {
      running = false;
      failed = { phase: at, error: err };
      hooks.failed(err, at);
    }

    function doRestart() {
      try {
        setup();
        restartPending = false;
        failed = null;
        start();
      } catch (err) {
        fail(err, "setup");
      }
    }

    // One frame: latch input, advance time, update (until game over), draw; a restart asked for
    // inside update or draw runs when that callback returns. Returns whether the game still runs.
    function tick(dt) {
      if (!running) return false;
      dt = num(dt, 1 / 60);
      if (!(dt >= 0)) dt = 0;
      if (dt > MAX_DT) dt = MAX_DT;
      phase = "update";
      try {
        latchInput();
        time += dt;
        frame++;
        if (!over) call(updateFn, ctx, dt);
        if (restartPending) setup();
        phase = "draw";
        render();
        if (restartPending) setup();
      } catch (err) {
        fail(err, phase);
        return false;
      }
      return running;
    }

    // First run.
    try {
      setup();
      if (restartPending) setup();
      start();
    } catch (err) {
      fail(err, "setup");
    }

    return {
      ctx: ctx,
      input: feed,
      tick: tick,
      restart: doRestart,
      stop: function () { running = false; },
      running: function () { return running; },
      failure: function () { return failed; },
      phase: function () { return phase; },
      state: function () {
        return { score: score, frame: frame, time: time, over: over, running: running };
      },
    };
  }

  // ---------------------------------------------------------------- browser instance
  //
  // The core on a <canvas>: a 2D context letterboxed to 640x360, DOM keyboard and pointer events,
  // Web Audio, and a requestAnimationFrame loop.

  var current = null;

  var debugState = {
    score: 0, gameOver: null, error: null, events: [],
    view: { left: 0, top: 0, scale: 1 },
  };

  function canvasFor(doc, canvas) {
    if (typeof canvas === "string") canvas = doc.querySelector(canvas);
    if (!canvas) {
      var box = doc.createElement("div");
      box.style.cssText = "position:fixed;inset:0;background:#000";
      canvas = doc.createElement("canvas");
      box.appendChild(canvas);
      doc.body.appendChild(box);
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
    return canvas;
  }

  function font(size, bold) {
    return (bold ? "bold " : "") + size + "px " + FONT_FAMILY;
  }

  // The surface the core draws on (see createCore), on a 2D context.
  function canvasSurface(g, doc, layout, view) {
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
    return {
      beginFrame: function () {
        layout();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.globalAlpha = 1;
        g.fillStyle = "#000";
        g.fillRect(0, 0, g.canvas.width, g.canvas.height);
        g.save();
        g.setTransform(view.scale, 0, 0, view.scale, view.ox, view.oy);
        g.beginPath();
        g.rect(0, 0, WIDTH, HEIGHT);
        g.clip();
      },
      endFrame: function () { g.restore(); },
      fillStyle: function (c) { g.fillStyle = c; },
      strokeStyle: function (c) { g.strokeStyle = c; },
      lineWidth: function (w) { g.lineWidth = w; },
      fillRect: function (x, y, w, h) { g.fillRect(x, y, w, h); },
      strokeRect: function (x, y, w, h) { g.strokeRect(x, y, w, h); },
      fillRoundRect: function (x, y, w, h, r) {
        roundRectPath(x, y, w, h, r);
        g.fill();
      },
      fillCircle: function (x, y, r) {
        g.beginPath();
        g.arc(x, y, r, 0, Math.PI * 2);
        g.fill();
      },
      strokeCircle: function (x, y, r) {
        g.beginPath();
        g.arc(x, y, r, 0, Math.PI * 2);
        g.stroke();
      },
      line: function (x1, y1, x2, y2) {
        g.lineCap = "round";
        g.beginPath();
        g.moveTo(x1, y1);
        g.lineTo(x2, y2);
        g.stroke();
      },
      fillPoly: function (flat) {
        if (flat.length < 2) return;
        g.beginPath();
        g.moveTo(flat[0], flat[1]);
        for (var i = 2; i + 1 < flat.length; i += 2) g.lineTo(flat[i], flat[i + 1]);
        g.closePath();
        g.fill();
      },
      fillText: function (s, x, y, size, bold, align) {
        g.font = font(size, bold);
        g.textAlign = align;
        g.textBaseline = "middle";
        g.fillText(s, x, y);
      },
      measureText: function (s, size, bold) {
        g.font = font(size, bold);
        return g.measureText(s).width;
      },
      spriteDefine: function (name, w, h, rows, pal) {
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
        return off;
      },
      spriteDraw: function (s, x, y, k) {
        g.imageSmoothingEnabled = false;
        g.drawImage(s.handle, x, y, s.w * k, s.h * k);
      },
    };
  }

  function hasSeed(seed) {
    return typeof seed === "string" || Number.isFinite(Number(seed));
  }

  function createInstance(opts) {
    var doc = root.document;
    var canvas = canvasFor(doc, opts.canvas);
    var g = canvas.getContext("2d");
    var view = { ox: 0, oy: 0, scale: 1, dpr: 1, cssW: WIDTH, cssH: HEIGHT };
    var rafId = 0;
    var lastTs = null;
    var core = null;
    var sound = createSound();

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

    function callback(fn) {
      if (typeof fn !== "function") return;
      try {
        fn.apply(null, Array.prototype.slice.call(arguments, 1));
      } catch (e) {
        console.error("[aimini] page callback failed:", e);
      }
    }

    // ------------------------------------------------------------ loop
    function tick(ts) {
      rafId = 0;
      if (!core.running()) return;
      var dt = lastTs === null ? 1 / 60 : (ts - lastTs) / 1000;
      lastTs = ts;
      if (core.tick(dt)) rafId = root.requestAnimationFrame(tick);
    }

    function stopLoop() {
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

    function showError(err, phase) {
      stopLoop();
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

    var hooks = {
      score: function (n) {
        debugState.score = n;
        callback(opts.onScore, n);
      },
      gameOver: function (over, score) {
        debugState.gameOver = over;
        callback(opts.onGameOver, { won: over.won, message: over.message, score: score });
      },
      event: function (name, data, frame, time) {
        debugState.events.push({ name: name, data: data, frame: frame, time: time });
        if (debugState.events.length > 100) debugState.events.shift();
        callback(opts.onEvent, name, data);
      },
      reset: function () {
        debugState.gameOver = null;
        debugState.score = 0;
      },
      started: function () {
        debugState.error = null;
        lastTs = null;
        if (!rafId) rafId = root.requestAnimationFrame(tick);
      },
      failed: showError,
    };

    // ------------------------------------------------------------ input
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
        core.input.press(ks, !!e.repeat);
        if (!activatable) e.preventDefault();
      }
      if (typeof e.key === "string" && e.key.length === 1) {
        var ch = e.key.toLowerCase();
        if (/^[a-z0-9-]$/.test(ch)) core.input.type(ch);
      }
    }

    function onKeyUp(e) {
      var ks = keysFor(e);
      if (ks) core.input.release(ks);
    }

    function onBlur() { core.input.blur(); }

    function onPointerDown(e) {
      sound.unlock();
      if (e.button !== undefined && e.button > 0 && e.pointerType === "mouse") return;
      var p = toCanvas(e);
      if (!core.input.pointerDown(p.x, p.y, e.pointerId)) return; // first touch only
      try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* ignore */ }
      try { canvas.focus({ preventScroll: true }); } catch (err) { /* ignore */ }
      e.preventDefault();
    }

    function onPointerMove(e) {
      var p = toCanvas(e);
      core.input.pointerMove(p.x, p.y, e.pointerId, e.pointerType !== "mouse");
    }

    function onPointerUp(e) {
      var p = toCanvas(e);
      if (!core.input.pointerUp(p.x, p.y, e.pointerId)) return;
      try { canvas.releasePointerCapture(e.pointerId); } catch (err) { /* ignore */ }
    }

    function onContextMenu(e) { e.preventDefault(); }

    function destroy() {
      core.stop();
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

    // First run: lay out, then the core runs setup and the loop starts (hooks.started).
    layout();
    var seed = hasSeed(opts.seed) ? opts.seed : ((Date.now() ^ Math.floor(Math.random() * 4294967296)) >>> 0);
    core = createCore(gameDef, {
      params: opts.params,
      seed: seed,
      lang: opts.lang,
      surface: canvasSurface(g, doc, layout, view),
      sound: sound.api,
      hooks: hooks,
    });
    root.addEventListener("keydown", onKeyDown);
    root.addEventListener("keyup", onKeyUp);
    root.addEventListener("blur", onBlur);
    canvas.addEventListener("pointerdown", onPointerDown);
    canvas.addEventListener("pointermove", onPointerMove);
    canvas.addEventListener("pointerup", onPointerUp);
    canvas.addEventListener("pointercancel", onPointerUp);
    canvas.addEventListener("contextmenu", onContextMenu);

    return {
      ctx: core.ctx,
      canvas: canvas,
      restart: function () { core.restart(); },
      stop: destroy,
      state: core.state,
      get error() { var f = core.failure(); return f ? f.error : null; },
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

  // ---------------------------------------------------------------- embedding
  //
  // The core without the DOM, for a runtime that draws and feeds input itself. The worker's
  // headless runner (worker/src/runner/headless.js) runs every game through this, so what a game
  // observes is this file's code in the browser and in the smoke test alike.

  var warnHook = null;
  function warn(msg) {
    if (warnHook) warnHook(msg);
    else if (root.console) root.console.error("[aimini] " + msg);
  }

  var embed = Object.freeze({
    // o: {params, seed, lang, surface, sound, hooks}, as createCore describes. Returns the core's handle:
    // {ctx, input, tick(dt), restart(), stop(), running(), failure(), phase(), state()}.
    start: function (o) {
      if (!gameDef) throw new Error("aimini.start: no game defined (logic.js must call aimini.game)");
      return createCore(gameDef, o);
    },
    prng: mulberry32,
    // The key names a KeyboardEvent.code reports (null: none), and the character it types on a US
    // layout (null: none).
    keys: function (code) { return CODE_KEYS[String(code)] || null; },
    typed: function (code) { return typedFor(String(code)); },
    // Where warnings go instead of the console (a runtime with no console).
    onWarning: function (fn) { warnHook = typeof fn === "function" ? fn : null; },
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
      if (gameDef) warn("aimini.game called more than once; the last definition wins");
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
    embed: embed,
    debug: {
      get score() { return debugState.score; },
      get gameOver() { return debugState.gameOver; },
      get frame() { return current ? current.state().frame : 0; },
      get time() { return current ? current.state().time : 0; },
      get error() { return debugState.error; },
      get events() { return debugState.events.slice(); },
      get running() { return current ? current.state().running : false; },
      get view() { return debugState.view; },
      get defined() { return !!gameDef; },
      restart: function () { if (current) current.restart(); },
    },
  };

  root.aimini = aimini;
})(typeof window !== "undefined" ? window : this);
