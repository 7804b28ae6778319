/* Idle timeout warning (等保 8.1.4.1 b). The server ends a session idle for longer than the timeout; this
 * script only warns a few minutes before, asking the server how long is left (so work in another tab counts),
 * and its "继续使用" button tells the server the person is still here. No inline script: the settings come
 * from this tag's data-* attributes. */
(function () {
  "use strict";
  var tag = document.currentScript;
  if (!tag) { return; }
  var warn = Number(tag.dataset.warnSeconds) || 180;
  var idle = Number(tag.dataset.idleSeconds) || 1800;
  var statusUrl = tag.dataset.statusUrl;
  var pingUrl = tag.dataset.pingUrl;
  var timer = null;
  var ticker = null;
  var box = null;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function schedule(secondsLeft) {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(secondsLeft - warn, 1) * 1000);
  }

  function answer(response) {
    if (!response.ok) { throw new Error(String(response.status)); }
    return response.json();
  }

  function handle(data) {
    if (!data.logged_in) { ended(); return; }
    if (data.seconds_left > warn) { hide(); schedule(data.seconds_left); return; }
    show(data.seconds_left);
  }

  function check() {
    fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(answer).then(handle).catch(function () { schedule(warn + 30); });
  }

  function keepAlive() {
    fetch(pingUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() }
    }).then(answer).then(handle).catch(ended);
  }

  function ended() {
    hide();
    window.location.assign(window.location.pathname + window.location.search);
  }

  function hide() {
    clearInterval(ticker);
    if (box) { box.remove(); box = null; }
  }

  function show(secondsLeft) {
    hide();
    var left = secondsLeft;
    box = document.createElement("div");
    box.className = "alert alert-warning shadow position-fixed bottom-0 end-0 m-3 d-print-none";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("data-testid", "idle-warning");
    box.style.zIndex = "1080";
    var text = document.createElement("div");
    text.className = "mb-2";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-danger";
    button.textContent = "继续使用";
    button.addEventListener("click", keepAlive);
    box.appendChild(text);
    box.appendChild(button);
    document.body.appendChild(box);
    function tick() {
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      text.textContent = "长时间未操作，系统将在 " + (minutes ? minutes + " 分 " : "") + seconds +
        " 秒后自动退出登录。";
      if (left <= 0) { check(); return; }
      left -= 1;
    }
    tick();
    ticker = setInterval(tick, 1000);
  }

  schedule(idle);
})();
