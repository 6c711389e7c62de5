// Glue for the API's sandboxed game frame (GET /play/{id}/frame): loaded after runtime.js and before
// the game's logic.js. Locks the window down, then starts the game once the document (and so
// logic.js) has run, and reports score, events, game over and errors to the parent page through
// aimini.sandbox.connect (the message schema is documented there and in the README).
(function () {
  "use strict";
  var sb = window.aimini && window.aimini.sandbox;
  if (!sb) return;
  var parentWin = window.parent;
  var every = window.setInterval.bind(window);
  sb.lockdown(window);
  var link = sb.connect(parentWin, window);
  // Heartbeat from the start (before logic.js runs): a game that loops forever, at its top level
  // or in a frame, stops it, and the page says so (player.js).
  link.alive();
  every(link.alive, 1000);

  var boot = {};
  try {
    var el = document.getElementById("aimini-boot");
    boot = JSON.parse((el && el.textContent) || "{}") || {};
  } catch (e) {
    boot = {};
  }

  var started = false;
  // An exception at the top level of logic.js, or logic.js failing to load, must reach the player.
  window.addEventListener("error", function (e) {
    if (started) return;
    link.error({ phase: "load", message: (e && e.message) || "the game failed to load" });
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.aimini.debug.defined) {
      link.error({ phase: "load", message: "the game did not start (logic.js failed or never called aimini.game)" });
      return;
    }
    started = true;
    var game = window.aimini.start({
      canvas: "#game",
      params: boot.params && typeof boot.params === "object" ? boot.params : {},
      lang: typeof boot.lang === "string" ? boot.lang : "en",
      onScore: link.score,
      onEvent: link.event,
      onGameOver: link.gameOver,
      onError: link.error,
    });
    link.onRestart(function () { game.restart(); });
    try { game.canvas.focus({ preventScroll: true }); } catch (e) { /* ignore */ }
    link.ready();
  });
})();
