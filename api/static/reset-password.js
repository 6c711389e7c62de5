// The token arrives in the query string of the mailed link. It is read once, removed from the address
// bar so it does not linger in history, and sent only in the POST body.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var token = params.get("token") || "";
  if (token) { window.history.replaceState(null, "", window.location.pathname); }
  var form = document.getElementById("reset");
  var status = document.getElementById("status");
  function say(text, cls) { status.textContent = text; status.className = cls; }
  if (!token) { say("This link has no reset token. Ask for a new link.", "error"); form.hidden = true; return; }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var pw = document.getElementById("password").value;
    if (pw !== document.getElementById("confirm").value) { say("The two passwords differ.", "error"); return; }
    say("Saving...", "");
    fetch("/api/v1/auth/reset-password", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: token, new_password: pw })
    }).then(function (resp) {
      if (resp.status === 204) { say("Password changed. You can log in with it now.", "ok"); form.hidden = true; return; }
      return resp.json().then(function (body) {
        var err = body && body.error ? body.error : {};
        var fields = err.details && err.details.fields ? err.details.fields.map(function (f) { return f.message; }) : [];
        say("Password " + (fields.length ? fields.join("; ") : (err.message || "could not be changed")), "error");
      });
    }).catch(function () { say("Network error; try again.", "error"); });
  });
})();
