/* 下发督办单: choosing a task (or a finding) fills the unit, the responsible person and the reason — and for a finding
 * the reply date — as the page itself does for `?assignment=<id>` / `?finding=<id>`: the script asks the same page
 * for that source and copies those fields from the answer, so there is one prefill, on the server. A field the
 * issuer has typed into since it was last filled is left alone. Without JavaScript the form works as typed.
 * A static file, as the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  const FILLED = ["id_unit", "id_responsible", "id_reason", "id_reply_due"];
  const sources = document.querySelectorAll("select[data-prefill]");
  if (!sources.length) { return; }

  function mark(field) { field.dataset.filled = field.value; }
  function untouched(field) { return field.dataset.filled === undefined || field.dataset.filled === field.value; }

  function valueOf(source) {
    if (source.tagName === "SELECT") {
      const chosen = source.querySelector("option[selected]");
      return chosen ? chosen.value : "";
    }
    return source.tagName === "TEXTAREA" ? source.textContent : source.getAttribute("value") || "";
  }

  function copy(answer) {
    FILLED.forEach(function (id) {
      const field = document.getElementById(id), source = answer.getElementById(id);
      if (!field || !source || !untouched(field)) { return; }
      field.value = valueOf(source);
      mark(field);
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function fill(select) {
    if (!select.value) { return; }
    const url = window.location.pathname + "?" + new URLSearchParams([[select.dataset.prefill, select.value]]);
    select.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { if (html) { copy(new DOMParser().parseFromString(html, "text/html")); } })
      .catch(function () { /* the issuer fills the fields by hand, as without JavaScript */ })
      .finally(function () { select.removeAttribute("aria-busy"); });
  }

  FILLED.forEach(function (id) { const field = document.getElementById(id); if (field) { mark(field); } });
  sources.forEach(function (select) {
    select.addEventListener("change", function () { fill(select); });
  });
})();
