// The API's player page (GET /play/{id}): shows score and results reported by the sandboxed game
// frame, and offers restart and fullscreen. Messages are accepted only from this page's own iframe
// (event.source is its window and, the frame being an opaque origin, event.origin is "null"), only
// in the exact schema of aimini.sandbox.connect (runtime.js), and at most about 30 a second; anything
// else is counted and dropped. Nothing from a message is ever rendered as HTML.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var frame = $("game-frame");
  var scoreEl = $("score");
  var statusEl = $("status");
  var restartBtn = $("restart");
  var fullBtn = $("fullscreen");
  var stage = $("stage");
  if (!frame) return;

  // Read by the browser tests; nothing here is secret.
  var state = { ready: false, hung: false, score: 0, gameOver: null, error: null, accepted: 0, rejected: 0, dropped: 0, events: [] };
  window.aiminiPlayer = state;

  // A public game's page counts one play when the game first runs, sending the signed play session
  // it was rendered with (the API de-duplicates refreshes by its visitor id). The page's CSP allows
  // exactly this one URL; no credentials are sent. JSON, as the endpoint requires.
  var playUrl = stage && stage.getAttribute("data-play-url");
  var playSession = stage && stage.getAttribute("data-play-session");
  function countPlay() {
    if (!playUrl || !playSession || state.playCounted) return;
    state.playCounted = true;
    fetch(playUrl, {
      method: "POST", credentials: "omit", keepalive: true, cache: "no-store",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ play_session: playSession })
    })
      .then(function (r) { state.playRecorded = r.ok; })
      .catch(function () { state.playRecorded = false; });
  }

  function status(text, isError) {
    statusEl.textContent = text || "";
    statusEl.className = isError ? "error" : "";
  }

  // ------------------------------------------------------------ schema
  var MAX_SAFE = 9007199254740991;
  function isInt(v) { return typeof v === "number" && Number.isSafeInteger(v) && Math.abs(v) <= MAX_SAFE; }
  function isStr(v, min, max) { return typeof v === "string" && v.length >= min && v.length <= max; }
  function keysAre(d, keys) {
    var k = Object.keys(d);
    if (k.length !== keys.length) return false;
    for (var i = 0; i < keys.length; i++) if (!Object.prototype.hasOwnProperty.call(d, keys[i])) return false;
    return true;
  }
  function plainObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
  }
  function valid(d) {
    if (!plainObject(d) || d.aimini !== 1 || typeof d.type !== "string") return false;
    switch (d.type) {
      case "ready": case "alive": return keysAre(d, ["aimini", "type"]);
      case "score": return keysAre(d, ["aimini", "type", "score"]) && isInt(d.score);
      case "event": {
        if (!keysAre(d, ["aimini", "type", "name", "data"]) || !isStr(d.name, 1, 64) || !plainObject(d.data)) return false;
        var json;
        try { json = JSON.stringify(d.data); } catch (e) { return false; }
        return typeof json === "string" && json.length <= 2048;
      }
      case "gameover":
        return keysAre(d, ["aimini", "type", "won", "message", "score"]) && typeof d.won === "boolean" &&
          isStr(d.message, 0, 200) && isInt(d.score);
      case "error":
        return keysAre(d, ["aimini", "type", "phase", "message"]) && isStr(d.phase, 0, 16) && isStr(d.message, 0, 300);
      default: return false;
    }
  }

  // ------------------------------------------------------------ rate limit (token bucket)
  var CAPACITY = 60;
  var PER_SEC = 30;
  var tokens = CAPACITY;
  var last = Date.now();
  function allow() {
    var now = Date.now();
    tokens = Math.min(CAPACITY, tokens + ((now - last) / 1000) * PER_SEC);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  // ------------------------------------------------------------ heartbeat
  // The frame says "alive" every second (frame.js). A game stuck in an endless loop, or a frame
  // whose process died, goes quiet: after HUNG_MS (LOAD_MS before the game first started) the page
  // says so and Restart reloads the frame. Hidden pages are not judged: browsers throttle their
  // timers.
  var HUNG_MS = 4000;
  var LOAD_MS = 10000;
  var lastBeat = Date.now();
  function heard() { lastBeat = Date.now(); }
  function watchdog() {
    if (document.visibilityState !== "visible" || state.hung) { heard(); return; }
    if (state.error && !state.hung) return;
    if (Date.now() - lastBeat > (state.ready ? HUNG_MS : LOAD_MS)) {
      state.hung = true;
      state.error = { phase: "hung", message: "the game stopped responding" };
      status("The game stopped responding. Press Restart to load it again.", true);
      restartBtn.classList.add("attention");
    }
  }
  setInterval(watchdog, 500);
  frame.addEventListener("load", heard);

  window.addEventListener("message", function (e) {
    if (e.source !== frame.contentWindow || e.origin !== "null") return; // not our game: ignore silently
    var d0 = e.data;
    // Heartbeats skip the rate limit (a flood must not starve them) and cost one comparison.
    if (d0 && typeof d0 === "object" && d0.type === "alive" && valid(d0)) { heard(); return; }
    if (!allow()) { state.dropped++; return; }
    var d = e.data;
    if (!valid(d)) { state.rejected++; return; }
    state.accepted++;
    switch (d.type) {
      case "ready":
        state.ready = true;
        state.error = null;
        state.hung = false;
        heard();
        countPlay();
        break;
      case "score":
        state.score = d.score;
        scoreEl.textContent = String(d.score);
        if (d.score === 0 && state.gameOver) {
          state.gameOver = null;
          status("");
          restartBtn.classList.remove("attention");
        }
        break;
      case "event":
        state.events.push({ name: d.name, data: d.data });
        if (state.events.length > 50) state.events.shift();
        break;
      case "gameover":
        state.gameOver = { won: d.won, message: d.message, score: d.score };
        state.score = d.score;
        scoreEl.textContent = String(d.score);
        status((d.won ? "You won! " : "Game over. ") + d.message);
        restartBtn.classList.add("attention");
        break;
      case "error":
        state.error = { phase: d.phase, message: d.message };
        status("Game error: " + d.message, true);
        break;
    }
  });

  // ------------------------------------------------------------ controls
  function focusGame() {
    try { frame.focus(); } catch (e) { /* ignore */ }
  }

  restartBtn.addEventListener("click", function () {
    restartBtn.classList.remove("attention");
    status("");
    state.gameOver = null;
    if (state.error || !state.ready) {
      // The frame never started or failed: load it again.
      state.error = null;
      state.ready = false;
      state.hung = false;
      heard();
      frame.src = frame.src;
    } else if (frame.contentWindow) {
      // An opaque origin cannot be named as a target; the message carries nothing secret.
      frame.contentWindow.postMessage({ aimini: 1, type: "restart" }, "*");
    }
    focusGame();
  });

  var fsEnabled = document.fullscreenEnabled || document.webkitFullscreenEnabled;
  if (!fsEnabled) fullBtn.hidden = true;
  function fsElement() { return document.fullscreenElement || document.webkitFullscreenElement || null; }
  fullBtn.addEventListener("click", function () {
    try {
      if (fsElement()) {
        (document.exitFullscreen || document.webkitExitFullscreen).call(document);
      } else {
        var p = (stage.requestFullscreen || stage.webkitRequestFullscreen).call(stage);
        if (p && p.catch) p.catch(function () { /* refused */ });
      }
    } catch (e) { /* unsupported */ }
    focusGame();
  });
  function onFs() { fullBtn.textContent = fsElement() ? "Exit fullscreen" : "Fullscreen"; focusGame(); }
  document.addEventListener("fullscreenchange", onFs);
  document.addEventListener("webkitfullscreenchange", onFs);

  // Keys pressed while the page (not the game) has focus go to the game from then on.
  window.addEventListener("keydown", function (e) {
    var t = e.target;
    if (t && (t.tagName === "BUTTON" || t.tagName === "SUMMARY") && (e.key === "Enter" || e.key === " ")) return;
    focusGame();
  });
  frame.addEventListener("load", focusGame);
  focusGame();
})();
