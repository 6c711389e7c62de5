// The token arrives in the query string of the mailed link. It is read once, removed from the address
// bar so it does not linger in history, and sent only in the POST body with the account's password.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var token = params.get("token") || "";
  if (token) { window.history.replaceState(null, "", window.location.pathname); }
  var form = document.getElementById("verify");
  var status = document.getElementById("status");
  function say(text, cls) { status.textContent = text; status.className = cls; }
  if (!token) { say("This link has no token. Sign in and ask for a new link.", "error"); form.hidden = true; return; }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    say("Checking...", "");
    fetch("/api/v1/auth/verify-email", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: token, password: document.getElementById("password").value })
    }).then(function (resp) {
      if (resp.status === 204) { say("Your address is confirmed. You can close this page.", "ok"); form.hidden = true; return; }
      return resp.json().then(function (body) {
        var err = body && body.error ? body.error : {};
        if (err.code === "invalid_verification_token") { form.hidden = true; }
        say(err.message || "The address could not be confirmed.", "error");
      });
    }).catch(function () { say("Network error; try again.", "error"); });
  });
})();
