/* Dashboard charts: each <canvas data-chart="KEY"> is drawn with Chart.js from the JSON in
   <script type="application/json" id="chart-KEY"> ({type, labels, datasets, unit, link}).
   The server sends aggregated points only; clicking a point opens the tickets behind it. */
(function () {
  "use strict";

  var PALETTE = ["#3056d3", "#1e8e5a", "#b7791f", "#c53030", "#7b61ff", "#0f8b8d", "#d53f8c"];

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "—";
    var s = Math.round(Math.abs(seconds));
    var sign = seconds < 0 ? "-" : "";
    if (s < 60) return sign + s + "s";
    var minutes = Math.floor(s / 60);
    if (minutes < 60) return sign + minutes + "m";
    var hours = Math.floor(minutes / 60);
    if (hours < 48) return sign + hours + "h " + String(minutes % 60).padStart(2, "0") + "m";
    return sign + Math.floor(hours / 24) + "d " + (hours % 24) + "h";
  }

  function formatter(unit) {
    if (unit === "seconds") return duration;
    if (unit === "percent") return function (v) { return v === null ? "—" : v.toFixed(1) + "%"; };
    if (unit === "count") return function (v) { return v === null ? "—" : Math.round(v).toLocaleString(); };
    return function (v) { return v === null ? "—" : Number(v).toFixed(2); };
  }

  function linkOf(spec, index) {
    if (!spec.link) return null;
    var label = spec.labels[index];
    return spec.link.base + "&" + spec.link.param + "=" + encodeURIComponent(label);
  }

  function readSpec(key) {
    var block = document.getElementById("chart-" + key);
    return block ? JSON.parse(block.textContent) : null;
  }

  function datasets(spec) {
    return spec.datasets.map(function (set, i) {
      var colour = PALETTE[i % PALETTE.length];
      var extra = spec.type === "doughnut"
        ? { backgroundColor: spec.labels.map(function (_, j) { return PALETTE[j % PALETTE.length]; }) }
        : { borderColor: colour, backgroundColor: colour + "55", spanGaps: true, tension: 0.25,
            pointRadius: 2 };
      return Object.assign({}, set, extra);
    });
  }

  function options(spec) {
    var format = formatter(spec.unit);
    var round = spec.type === "doughnut";
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: round, position: "right" },
        tooltip: { callbacks: { label: function (ctx) {
          return ctx.dataset.label + ": " + format(round ? ctx.parsed : ctx.parsed.y);
        } } },
      },
      scales: round ? {} : { y: { beginAtZero: true, ticks: { callback: format } } },
      onClick: function (event, elements) {
        var link = elements.length ? linkOf(spec, elements[0].index) : null;
        if (link) window.location.assign(link);
      },
      onHover: function (event, elements) {
        var clickable = elements.length && linkOf(spec, elements[0].index);
        event.native.target.style.cursor = clickable ? "pointer" : "default";
      },
    };
  }

  function draw(canvas) {
    if (window.Chart.getChart(canvas)) return;
    var spec = readSpec(canvas.dataset.chart);
    if (!spec) return;
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets(spec) },
      options: options(spec),
    });
  }

  function drawAll(root) {
    if (!window.Chart) return;
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      try {
        draw(canvas);
      } catch (error) {  // one broken chart must not keep the others from drawing
        console.error("chart " + canvas.dataset.chart + ": " + error);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(); });
  } else {
    drawAll();
  }
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
  window.floorleadCharts = { drawAll: drawAll, duration: duration };
})();
