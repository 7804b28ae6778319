/* The 廉政风险点 heat map (unit × level). The option and the cells' links are JSON the server wrote into data
 * attributes (never executed), so the page has no inline script (qinglian/core/csp.py). The table of the same
 * counts is the page without JS, on a phone and on paper: this script shows the chart instead only on a screen
 * of Bootstrap's md width and up, draws it once it has a size, and makes a click on a cell open the list of the
 * risk points of that unit and level. */
(function () {
  "use strict";
  if (typeof echarts === "undefined") { return; }
  document.querySelectorAll("[data-risk-heatmap]").forEach(function (el) {
    var links = JSON.parse(el.dataset.links || "[]");
    var table = el.dataset.table ? document.getElementById(el.dataset.table) : null;
    var chart = null;
    el.classList.add("d-md-block");
    if (table) { table.classList.add("d-md-none", "d-print-block"); }
    function draw() {
      if (chart) { chart.resize(); return; }
      if (!el.offsetWidth) { return; }
      chart = echarts.init(el, null, {renderer: "svg"});
      chart.setOption(JSON.parse(el.dataset.riskHeatmap));
      chart.on("click", function (params) {
        var row = links[params.value[1]];
        var href = row ? row[params.value[0]] : null;
        if (href) { window.location.href = href; }
      });
    }
    draw();
    window.addEventListener("resize", draw);
  });
})();
