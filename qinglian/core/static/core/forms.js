/* A form is sent once (等保: writes that cannot double). After the first submit of a POST form its submit buttons
 * are disabled and say 正在提交…, so a double click or an impatient second press does not send it again; the server
 * holds every "only one" rule anyway (constraints and row locks). A form answered by htmx, or one the browser
 * refused as invalid, is left alone. The button pressed still sends its name and value: it is disabled only
 * after the browser has built the request. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") { return; }
    if (form.hasAttribute("hx-post") || form.dataset.allowResubmit !== undefined) { return; }
    if (form.dataset.submitted === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "1";
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (button) {
        button.disabled = true;
        if (button.tagName === "BUTTON") { button.dataset.label = button.textContent; button.textContent = "正在提交…"; }
      });
    }, 0);
  });
  /* Back to a page kept in the browser's cache: the form may be sent again. */
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form[data-submitted]").forEach(function (form) {
      delete form.dataset.submitted;
      form.querySelectorAll("[disabled]").forEach(function (button) {
        button.disabled = false;
        if (button.dataset.label) { button.textContent = button.dataset.label; }
      });
    });
  });
})();
