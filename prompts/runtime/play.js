// Glue for play.html?template=ID (loads ../templates/ID/logic.js and example.json) and for packaged
// games (window.AIMINI_GAME set by game.js): starts the game and shows score, result and restart.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var statusEl = $("status");
  var scoreEl = $("score");
  var restartBtn = $("restart");
  var game = null;

  function status(text, isError) {
    statusEl.textContent = text || "";
    statusEl.className = isError ? "error" : "";
  }

  window.addEventListener("error", function (e) {
    status("Error: " + (e.message || "script failed"), true);
  });

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.body.appendChild(s);
    });
  }

  function fetchJson(url) {
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  restartBtn.addEventListener("click", function () {
    restartBtn.blur();
    restartBtn.classList.remove("attention");
    status("");
    if (game) game.restart();
  });

  var q = new URLSearchParams(location.search);
  var seedParam = q.get("seed");

  function boot(params, fallbackTitle, lang) {
    var title = typeof params.title === "string" && params.title ? params.title : fallbackTitle;
    document.title = title + " - aimini";
    $("title").textContent = title;
    game = aimini.start({
      canvas: $("game"),
      params: params,
      lang: lang || q.get("lang") || "en",
      seed: seedParam !== null ? seedParam : undefined,
      onScore: function (s) { scoreEl.textContent = String(s); },
      onEvent: function (name, data) { console.log("[aimini] event", name, data); },
      onGameOver: function (r) {
        status((r.won ? "You won! " : "Game over. ") + (r.message || ""));
        restartBtn.classList.add("attention");
      },
      onError: function (e) { status("Game error: " + e.message, true); },
    });
    window.__aiminiGame = game;
  }

  // A packaged game (aimini-worker try): logic.js and game.js were loaded by the page itself, so it
  // also works from file:// where fetch is unavailable.
  if (window.AIMINI_GAME) {
    boot(window.AIMINI_GAME.params || {}, window.AIMINI_GAME.title || "aimini", window.AIMINI_GAME.lang);
    return;
  }

  var id = q.get("template") || "";
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) {
    status("Add ?template=ID to the address (a folder of prompts/templates/).", true);
    return;
  }
  var base = "../templates/" + id + "/";
  Promise.all([fetchJson(base + "example.json"), loadScript(base + "logic.js")])
    .then(function (res) { boot(res[0] || {}, id); })
    .catch(function (err) {
      console.error("[aimini] " + err.message);
      status(err.message, true);
    });
})();
