/* Searchable selects. Lists of tasks, people and units run to 34–150 entries; a plain <select> makes the reader
 * scroll through all of them. Every single <select> with more than LIMIT options (or marked data-searchable) gets
 * a text box in its place: typing narrows the list — every word typed must appear in the entry — and a click, a
 * tap or Enter picks one. The <select> stays in the form, hidden, and carries the value: the server sees the same
 * field, and any script listening to the select's `change` (auto-submitting filters, the meeting and 督办 forms)
 * hears it as before. A script that sets the select's value and sends `change` updates the box. A <select multiple>
 * gets a filter box above it instead (the options that do not match are hidden; chosen ones always show).
 *
 * Without JavaScript the plain select is there. data-searchable="off" leaves a select alone. A static file, as the
 * Content-Security-Policy allows no inline script; its look is in core/select.css. */
(function () {
  "use strict";
  var LIMIT = 15;
  var counter = 0;

  function words(text) { return text.toLowerCase().split(/\s+/).filter(Boolean); }
  function matches(option, typed) {
    var label = option.text.toLowerCase();
    return typed.every(function (word) { return label.indexOf(word) !== -1; });
  }
  function wanted(select) {
    if (select.dataset.searchable === "off" || select.dataset.qsReady) { return false; }
    return select.dataset.searchable !== undefined || select.options.length > LIMIT;
  }
  function labelOf(select) {
    var chosen = select.options[select.selectedIndex];
    // Django's "---------" for nothing chosen reads better as the empty box with its placeholder
    return chosen && !(chosen.value === "" && /^-+$/.test(chosen.text)) ? chosen.text : "";
  }

  /* --- <select multiple>: a filter box above the list ---------------------------------------------------- */
  function filterBox(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1 qs-filter";
    box.placeholder = "输入文字筛选";
    box.setAttribute("aria-label", "筛选选项");
    box.addEventListener("input", function () {
      var typed = words(box.value);
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = !(option.selected || matches(option, typed));
      });
    });
    select.parentNode.insertBefore(box, select);
  }

  /* --- a single select: a combobox in its place ---------------------------------------------------------- */
  function combobox(select) {
    var id = select.id || "qs-select-" + (++counter);
    var wrap = document.createElement("div");
    var input = document.createElement("input");
    var list = document.createElement("ul");
    var shown = [];
    var active = -1;

    wrap.className = "qs";
    input.type = "text";
    input.id = id + "-search";
    input.className = "form-select qs-input" + (select.classList.contains("form-select-sm") ? " form-select-sm" : "");
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = "输入文字筛选";
    input.disabled = select.disabled;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-options");
    if (select.getAttribute("aria-label")) { input.setAttribute("aria-label", select.getAttribute("aria-label")); }
    if (select.classList.contains("is-invalid")) { input.classList.add("is-invalid"); }
    list.id = id + "-options";
    list.className = "qs-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;

    function sync() { input.value = labelOf(select); }
    function setActive(index) {
      var items = list.children;
      if (active >= 0 && items[active]) { items[active].classList.remove("active"); }
      active = index;
      if (active >= 0 && items[active]) {
        items[active].classList.add("active");
        input.setAttribute("aria-activedescendant", items[active].id);
        items[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function render(typed) {
      list.textContent = "";
      shown = Array.prototype.filter.call(select.options, function (option) {
        return !option.disabled && matches(option, typed);
      });
      shown.forEach(function (option, index) {
        var item = document.createElement("li");
        item.id = id + "-option-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", option.selected ? "true" : "false");
        item.textContent = option.text;
        list.appendChild(item);
      });
      if (!shown.length) {
        var none = document.createElement("li");
        none.className = "qs-empty";
        none.textContent = "没有符合的选项";
        list.appendChild(none);
      }
      setActive(shown.length ? Math.max(0, shown.indexOf(select.options[select.selectedIndex])) : -1);
    }
    function open(typed) {
      list.hidden = false; // first, so that the chosen entry can be scrolled into view
      input.setAttribute("aria-expanded", "true");
      render(typed || []);
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      sync();
    }
    function pick(index) {
      var option = shown[index];
      if (!option) { return; }
      var changed = select.value !== option.value;
      select.value = option.value;
      close();
      if (changed) { select.dispatchEvent(new Event("change", { bubbles: true })); }
    }

    input.addEventListener("focus", function () { input.select(); open(); });
    input.addEventListener("click", function () { if (list.hidden) { open(); } });
    input.addEventListener("input", function () { open(words(input.value)); });
    input.addEventListener("blur", function () { if (!list.hidden) { close(); } });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { open(); return; }
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive(Math.min(shown.length - 1, Math.max(0, active + step)));
      } else if (event.key === "Enter" && !list.hidden) {
        event.preventDefault(); // a pick, not a submit
        pick(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep the focus in the box
    list.addEventListener("click", function (event) {
      var item = event.target instanceof Element ? event.target.closest("li[role=option]") : null;
      if (item) { pick(Array.prototype.indexOf.call(list.children, item)); }
    });
    select.addEventListener("change", sync); // another script chose a value
    if (select.form) { select.form.addEventListener("reset", function () { window.setTimeout(sync, 0); }); }

    document.querySelectorAll("label[for='" + id + "']").forEach(function (label) { label.htmlFor = input.id; });
    select.parentNode.insertBefore(wrap, select);
    wrap.appendChild(input);
    wrap.appendChild(list);
    wrap.appendChild(select);
    select.hidden = true;
    select.tabIndex = -1;
    sync();
  }

  function enhance(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll("select").forEach(function (select) {
      if (!wanted(select)) { return; }
      select.dataset.qsReady = "1";
      if (select.multiple) { filterBox(select); } else { combobox(select); }
    });
  }

  enhance(document);
  document.addEventListener("htmx:load", function (event) { enhance(event.target); }); // content htmx swapped in
})();
