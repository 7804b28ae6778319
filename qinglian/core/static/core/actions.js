/* Small page behaviours driven by data-* attributes, so that no template needs an inline script or an on*=
 * handler (the Content-Security-Policy allows scripts only from our static files; qinglian/core/csp.py):
 *   data-action="print"            a button that prints the page
 *   <a data-action="back" href=…>  goes back in the history (the href, the page before, if there is none)
 *   <form data-confirm="…">        asks before sending; 取消 sends nothing (and forms.js never disables it)
 *   <select data-autosubmit>       sends its form when the choice changes
 *   <form data-upload-progress>    htmx upload with a .progress bar and a [data-upload-error] line
 * and, whenever the page is printed (the button or the browser's own command), the print time for the page
 * header and the heading that only repeats the paper's .print-title left off (app.css @media print). */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function ownText(element) {  /* the heading's words without its badges (保密, 重点督办, a status) */
    var text = "";
    element.childNodes.forEach(function (node) { if (node.nodeType === 3) { text += node.textContent; } });
    return text.replace(/\s+/g, "");
  }
  window.addEventListener("beforeprint", function () {
    var now = new Date();
    var stamp = "打印时间：" + now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) +
      " " + pad(now.getHours()) + ":" + pad(now.getMinutes());
    document.documentElement.style.setProperty("--qinglian-printed", JSON.stringify(stamp));
    var titles = Array.prototype.map.call(document.querySelectorAll(".print-title"), function (title) {
      return title.textContent.replace(/\s+/g, "");
    });
    document.querySelectorAll("main h1").forEach(function (heading) {
      var own = ownText(heading);
      heading.classList.toggle("print-repeat", own !== "" && titles.some(function (title) {
        return title.indexOf(own) !== -1 || own.indexOf(title) !== -1;
      }));
    });
  });
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
    if (!target) { return; }
    if (target.dataset.action === "print") {
      event.preventDefault();
      window.print();
    } else if (target.dataset.action === "back" && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });

  /* Capture on window: runs before forms.js (a bubbling listener on document) and before htmx. */
  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) { return; }
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLElement && field.hasAttribute("data-autosubmit") && field.form) {
      if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
    }
  });

  function uploadForm(event) {
    var form = event.target instanceof Element ? event.target.closest("form[data-upload-progress]") : null;
    return form;
  }
  function showError(form, text) {
    var progress = form.querySelector(".progress");
    if (progress) { progress.classList.add("d-none"); }
    var line = form.querySelector("[data-upload-error]");
    if (line) { line.textContent = text; }
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = uploadForm(event);
    if (!form) { return; }
    var progress = form.querySelector(".progress");
    if (progress) {
      progress.classList.remove("d-none");
      progress.firstElementChild.style.width = "0%";
    }
    var line = form.querySelector("[data-upload-error]");
    if (line) { line.textContent = ""; }
  });
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = uploadForm(event);
    if (!form || !event.detail.lengthComputable) { return; }
    var pct = Math.round(event.detail.loaded * 100 / event.detail.total);
    var bar = form.querySelector(".progress-bar");
    if (bar) {
      bar.style.width = pct + "%";
      bar.textContent = pct + "%";
    }
    var progress = form.querySelector(".progress");
    if (progress) { progress.setAttribute("aria-valuenow", String(pct)); }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var form = uploadForm(event);
    if (!form) { return; }
    var status = event.detail.xhr.status;
    showError(form, status === 413 ? "文件过大，服务器拒绝接收" : "上传失败（" + status + "），请刷新页面后重试");
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = uploadForm(event);
    if (form) { showError(form, "网络中断，上传失败，请重试"); }
  });
})();
