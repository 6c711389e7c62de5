/*
 * The headless runner's platform for prompts/runtime/runtime.js (aimini-runtime/1).
 *
 * The runner evaluates runtime.js itself first (the same file the browser loads), then this file:
 * a function expression it calls with `host` (native functions backed by a raster canvas in Rust)
 * and the global object, getting the driver back. Everything a game can observe through `ctx` is
 * runtime.js's core, reached through `aimini.embed`; this file only supplies what differs from a
 * browser: the surface is `host`, sound is silent (calls are counted), input arrives as key codes
 * and pointer positions from the runner, warnings go to the report, Math.random is seeded, and code
 * from strings is refused as the player's Content-Security-Policy refuses it.
 *
 * Only a restricted `aimini` is left on the global object (game, sandbox); the embedding API, the
 * host and the driver stay in this closure.
 */
(function (host, global) {
  "use strict";

  var runtime = global.aimini;
  var embed = runtime.embed;

  // The browser's Math.random is not seeded; here it is, so a smoke test is reproducible even for a
  // game that breaks the rule (a separate stream: ctx.random is unaffected).
  Math.random = embed.prng(0x2545f491);
  embed.onWarning(function (msg) { host.warn(msg); });

  // Sound: the arguments are read as the browser reads them (a getter may throw alike), then counted.
  var EFFECTS = { click: 1, coin: 1, hit: 1, jump: 1, lose: 1, win: 1 };
  var sound = Object.freeze({
    tone: function (freq, ms, opts) {
      var o = opts && typeof opts === "object" ? opts : {};
      Number(freq);
      Number(ms);
      Number(o.volume);
      host.sound("tone");
    },
    effect: function (name) {
      if (EFFECTS[String(name)] === 1) host.sound(String(name));
    },
  });

  // The surface is the host itself, except sprites: the host takes one colour per pixel.
  var surface = Object.create(host);
  surface.spriteDefine = function (name, w, h, rows, pal) {
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
    return null;
  };
  surface.spriteDraw = function (s, x, y, k) { host.spriteDraw(s.name, x, y, k); };

  var hooks = {
    score: function (n) { host.score(n); },
    gameOver: function (over, score) { host.gameOver(over.won, over.message.slice(0, 500), score); },
    event: function (name, data, frame, time) {
      var json;
      try { json = JSON.stringify(data === undefined ? null : data); } catch (e) { json = "null"; }
      host.event(name.slice(0, 64), json === undefined ? "null" : json, frame, time);
    },
    reset: function () { host.restarted(); },
    started: function () {},
    failed: function () {},
  };

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

  // What logic.js's wrapper reads (aimini.sandbox.shadows) and what a game may call (aimini.game).
  global.aimini = Object.freeze({
    version: runtime.version,
    width: runtime.width,
    height: runtime.height,
    game: runtime.game,
    sandbox: Object.freeze({ memoryStorage: runtime.sandbox.memoryStorage, shadows: runtime.sandbox.shadows }),
  });
  closeStringCode();

  function start(paramsJson, seed, lang) {
    var core = embed.start({
      params: JSON.parse(paramsJson),
      seed: seed,
      lang: lang,
      surface: surface,
      sound: sound,
      hooks: hooks,
    });
    var input = core.input;
    return {
      tick: core.tick,
      restart: core.restart,
      failure: core.failure,
      phase: core.phase,
      state: core.state,
      keyDown: function (code) {
        var ks = embed.keys(code);
        if (ks) input.press(ks, false);
        var ch = embed.typed(code);
        if (ch !== null) input.type(ch);
      },
      keyUp: function (code) {
        var ks = embed.keys(code);
        if (ks) input.release(ks);
      },
      pointerDown: input.pointerDown,
      pointerMove: input.pointerMove,
      pointerUp: input.pointerUp,
      blur: input.blur,
    };
  }

  return {
    defined: function () { return runtime.debug.defined; },
    start: start,
  };
})
