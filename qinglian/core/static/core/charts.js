/* Draw every <div data-chart='{…ECharts option…}'> on the page. The option is JSON written by the server into
 * a data attribute (never executed), so the page needs no inline script (qinglian/core/csp.py). Charts that
 * htmx swaps in later are drawn too. */
(function () {
  "use strict";
  function draw(root) {
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.chartDrawn === "1") { return; }
      el.dataset.chartDrawn = "1";
      var chart = echarts.init(el, null, {renderer: "svg"});
      chart.setOption(JSON.parse(el.dataset.chart));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  draw(document);
  document.addEventListener("htmx:load", function (event) { draw(event.target); });
})();
