/*
 * aimini headless runtime, API version 1 ("aimini-runtime/1"), for the worker's runner.
 *
 * A port of prompts/runtime/runtime.js with the DOM replaced by `host` (native functions backed by a
 * raster canvas in Rust) and the browser's events replaced by a driver the runner calls. Everything a
 * game can observe through `ctx` follows runtime.js: the mulberry32 PRNG and its per-run seeding,
 * frozen params, input latching, restart timing, score rounding, gameOver, events and the store.
 * Keep the two in step (the decisions listed at the top of runtime.js apply here too).
 *
 * Evaluated as a function expression: the runner calls it with the host object and gets the driver
 * back. Only `aimini` is left on the global object; the host and driver stay in this closure.
 */
(function (host, global) {
  "use strict";

  var WIDTH = 640;
  var HEIGHT = 360;
  var MAX_DT = 0.1;

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
      var h = 0x811c9dc5;
      for (var i = 0; i < seed.length; i++) {
        h ^= seed.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
      }
      return h >>> 0;
    }
    var n = Number(seed);
    if (Number.isFinite(n)) return Math.floor(Math.abs(n)) >>> 0;
    return 0;
  }

  // The browser's Math.random is not seeded; here it is, so a smoke test is reproducible even for a
  // game that breaks the rule (a separate stream: ctx.random is unaffected).
  Math.random = mulberry32(0x2545f491);

  // ---------------------------------------------------------------- keys (as runtime.js)

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

  // The character a key code types (e.key of a US layout, lower case), as onKeyDown sees it.
  function typedFor(code) {
    if (/^Key[A-Z]$/.test(code)) return code.charAt(3).toLowerCase();
    if (/^(Digit|Numpad)[0-9]$/.test(code)) return code.charAt(code.length - 1);
    if (code === "Minus" || code === "NumpadSubtract") return "-";
    return null;
  }

  var KEY_ALIASES = {
    space: "action", enter: "action", return: "action", " ": "action", esc: "escape",
    arrowleft: "left", arrowright: "right", arrowup: "up", arrowdown: "down",
  };
  function normKey(k) {
    var s = String(k).toLowerCase();
    return KEY_ALIASES[s] || s;
  }

  // ---------------------------------------------------------------- sound (recorded, silent)

  var EFFECTS = { click: 1, coin: 1, hit: 1, jump: 1, lose: 1, win: 1 };
  var soundApi = Object.freeze({
    tone: function (freq, ms, opts) {
      var o = opts && typeof opts === "object" ? opts : {};
      num(freq, 440);
      num(ms, 100);
      num(o.volume, 0.2);
      host.sound("tone");
    },
    effect: function (name) {
      if (EFFECTS[String(name)] === 1) host.sound(String(name));
    },
  });

  // ---------------------------------------------------------------- instance

  var gameDef = null;

  function createInstance(paramsJson, seed) {
    var def = gameDef;
    var setupFn = typeof def.setup === "function" ? def.setup : function () {};
    var updateFn = typeof def.update === "function" ? def.update : function () {};
    var drawFn = typeof def.draw === "function" ? def.draw : function () {};

    var baseSeed = normalizeSeed(seed);
    var runIndex = 0;
    var rng = mulberry32(baseSeed);
    var parsed = JSON.parse(paramsJson);
    var params = deepFreeze(cloneJson(parsed && typeof parsed === "object" ? parsed : {}) || {});
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

    // ------------------------------------------------------------ drawing
    function fill(c) { host.fillStyle(color(c, "#fff")); }
    function stroke(c, lw) {
      host.strokeStyle(color(c, "#fff"));
      host.lineWidth(Math.max(0, num(lw, 1)));
    }

    var sprite = Object.freeze({
      define: function (name, rows, palette) {
        name = String(name);
        var pal = palette && typeof palette === "object" ? palette : {};
        var size = spriteSize(name, rows, pal);
        var h = size.h;
        var w = size.w;
        var colors = [];
        for (var yy = 0; yy < h; yy++) {
          var row = String(rows[yy]);
          for (var xx = 0; xx < w; xx++) {
            var c = "";
            if (xx < row.length) {
              var ch = row[xx];
              if (ch !== "." && ch !== " ") {
                var pc = pal[ch];
                if (typeof pc === "string" && pc) c = pc;
              }
            }
            colors.push(c);
          }
        }
        host.spriteDefine(name, w, h, colors);
        sprites.set(name, { w: w, h: h });
      },
      draw: function (name, x, y, scale) {
        var s = sprites.get(String(name));
        if (!s) throw new Error("sprite.draw: unknown sprite \"" + name + "\" (define it in setup)");
        var k = num(scale, 4);
        if (!(k > 0)) return;
        host.spriteDraw(String(name), num(x, 0), num(y, 0), k);
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
        host.score(score);
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
        host.fillRect(0, 0, WIDTH, HEIGHT);
      },
      rect: function (x, y, w, h, c) {
        fill(c);
        host.fillRect(num(x, 0), num(y, 0), num(w, 0), num(h, 0));
      },
      strokeRect: function (x, y, w, h, c, lw) {
        stroke(c, lw);
        host.strokeRect(num(x, 0), num(y, 0), num(w, 0), num(h, 0));
      },
      roundRect: function (x, y, w, h, r, c) {
        fill(c);
        host.fillRoundRect(num(x, 0), num(y, 0), num(w, 0), num(h, 0), num(r, 0));
      },
      circle: function (x, y, r, c) {
        fill(c);
        host.fillCircle(num(x, 0), num(y, 0), Math.max(0, num(r, 0)));
      },
      strokeCircle: function (x, y, r, c, lw) {
        stroke(c, lw);
        host.strokeCircle(num(x, 0), num(y, 0), Math.max(0, num(r, 0)));
      },
      line: function (x1, y1, x2, y2, c, lw) {
        stroke(c, lw);
        host.line(num(x1, 0), num(y1, 0), num(x2, 0), num(y2, 0));
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
        host.fillPoly(flat);
      },
      text: function (str, x, y, o) {
        o = o && typeof o === "object" ? o : {};
        var size = Math.min(400, Math.max(1, num(o.size, 16)));
        var align = o.align === "center" || o.align === "right" ? o.align : "left";
        fill(color(o.color, "#fff"));
        host.fillText(cutText(str === undefined || str === null ? "" : String(str)), num(x, 0), num(y, 0), size, !!o.bold, align);
      },
      measureText: function (str, size) {
        return host.measureText(cutText(str === undefined || str === null ? "" : String(str)), Math.min(400, Math.max(1, num(size, 16))), false);
      },
      sprite: sprite,
      input: input,
      sound: soundApi,
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
        host.gameOver(over.won, over.message.slice(0, 500), score);
      },
      restart: function () {
        if (inCallback) restartPending = true;
        else doRestart();
      },
      event: function (name, data) {
        var d = cloneJson(data === undefined ? {} : data);
        var json;
        try { json = JSON.stringify(d === undefined ? null : d); } catch (e) { json = "null"; }
        host.event(String(name).slice(0, MAX_NAME), json === undefined ? "null" : json, frame, time);
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
        host.score(0);
      }
      host.restarted();
    }

    function render() {
      host.beginFrame();
      try {
        call(drawFn, ctx);
      } finally {
        host.endFrame();
      }
    }

    function fail(err, at) {
      running = false;
      failed = { phase: at, error: err };
    }

    function doRestart() {
      phase = "setup";
      try {
        resetRun();
        call(setupFn, ctx);
        restartPending = false;
        failed = null;
        running = true;
      } catch (err) {
        fail(err, "setup");
      }
    }

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
        return false;
      }
      return running;
    }

    // First run.
    phase = "setup";
    try {
      resetRun();
      call(setupFn, ctx);
      if (restartPending) {
        resetRun();
        call(setupFn, ctx);
      }
      running = true;
    } catch (err) {
      fail(err, "setup");
    }

    function keysOf(code) {
      return CODE_KEYS[String(code)] || null;
    }

    return {
      tick: tick,
      restart: doRestart,
      failure: function () { return failed; },
      phase: function () { return phase; },
      state: function () {
        return { score: score, frame: frame, time: time, over: over, running: running };
      },
      keyDown: function (code) {
        var ks = keysOf(code);
        if (ks) {
          for (var i = 0; i < ks.length; i++) {
            if (!held.has(ks[i])) pendingPressed.add(ks[i]);
            held.add(ks[i]);
          }
        }
        var ch = typedFor(String(code));
        if (ch !== null) pendingTyped.push(ch);
      },
      keyUp: function (code) {
        var ks = keysOf(code);
        if (ks) for (var i = 0; i < ks.length; i++) held.delete(ks[i]);
      },
      // touch: a touch pointer (moves only count while it is down); id: the pointer's id.
      pointerDown: function (x, y, id) {
        if (pointerId !== null && id !== pointerId) return;
        pointerId = id;
        pointerPos.x = x;
        pointerPos.y = y;
        pointerDownState = true;
        pendingPointerPressed = true;
      },
      pointerMove: function (x, y, id, touch) {
        if (pointerId !== null && id !== pointerId) return;
        if (pointerId === null && touch) return;
        pointerPos.x = x;
        pointerPos.y = y;
      },
      pointerUp: function (x, y, id) {
        if (pointerId === null || id !== pointerId) return;
        pointerPos.x = x;
        pointerPos.y = y;
        pointerId = null;
        if (pointerDownState) {
          pointerDownState = false;
          pendingPointerReleased = true;
        }
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
  }

  // ---------------------------------------------------------------- sandbox (as the player frame)
  //
  // The player (api/src/routes/play.rs) wraps logic.js in a function whose parameters shadow blocked
  // globals: undefined, except localStorage/sessionStorage, which get an in-memory Storage. The
  // runner wraps logic.js the same way (session.rs), so a game sees the same names in both places.
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

  // A game's `aimini` (as in runtime.js): it may define the game, nothing else.
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

  function shadows(names) {
    var out = [];
    for (var i = 0; i < names.length; i++) {
      var n = String(names[i]);
      if (n === "aimini") out.push(facade());
      else out.push(n === "localStorage" || n === "sessionStorage" ? storageShim(n) : undefined);
    }
    return out;
  }

  // Code from strings: the player's CSP refuses it (EvalError), so the runner does too. Otherwise
  // `(function(){}).constructor("return this")()` builds a sloppy function whose `this` is the global
  // object, and a game could behave one way here and another in the browser.
  function noStringCode() {
    throw new EvalError("code from strings is not allowed (the player's Content-Security-Policy refuses it)");
  }
  function closeStringCode() {
    var protos = [Function.prototype];
    try { protos.push(Object.getPrototypeOf(function* () {})); } catch (e) { /* no generators */ }
    try { protos.push(Object.getPrototypeOf(async function () {})); } catch (e) { /* no async */ }
    try { protos.push(Object.getPrototypeOf(async function* () {})); } catch (e) { /* no async generators */ }
    noStringCode.prototype = Function.prototype; // `f instanceof Function` still works
    protos.forEach(function (p) {
      Object.defineProperty(p, "constructor", { value: noStringCode, writable: false, configurable: false });
    });
    ["Function", "eval"].forEach(function (n) {
      Object.defineProperty(global, n, { value: noStringCode, writable: false, configurable: false });
    });
  }

  var aimini = {
    version: "aimini-runtime/1",
    width: WIDTH,
    height: HEIGHT,
    game: function (def) {
      if (!def || typeof def !== "object") throw new TypeError("aimini.game(def): def must be an object with setup, update, draw");
      ["setup", "update", "draw"].forEach(function (k) {
        if (def[k] !== undefined && typeof def[k] !== "function") throw new TypeError("aimini.game: " + k + " must be a function");
      });
      if (gameDef) host.warn("aimini.game called more than once; the last definition wins");
      gameDef = def;
    },
    sandbox: Object.freeze({ memoryStorage: createMemoryStorage, shadows: shadows }),
  };
  global.aimini = aimini;
  closeStringCode();

  return {
    defined: function () { return !!gameDef; },
    start: function (paramsJson, seed) {
      if (!gameDef) throw new Error("aimini.start: no game defined (logic.js must call aimini.game)");
      return createInstance(paramsJson, seed);
    },
  };
})
