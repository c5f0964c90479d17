/**
 * The HTML report's own script, run in the browser after Chart.js: reads the evaluation embedded as JSON in
 * `<script id="calibra-evaluation">` and draws the reliability diagram, the per-class score histograms, the ROC and
 * the precision–recall curves into the page's canvases. It interpolates nothing: every name and number comes from
 * the parsed JSON and reaches the page through Chart.js's canvas text, never as HTML.
 */
export const HTML_REPORT_SCRIPT = `
(function () {
  "use strict";
  var evaluation = JSON.parse(document.getElementById("calibra-evaluation").textContent);
  if (typeof Chart === "undefined") {
    document.body.classList.add("no-charts");
    return;
  }
  var COLORS = {
    uncalibrated: "#d9822b",
    calibrated: "#2166ac",
    positive: "#c0392b",
    negative: "#7f8c8d",
    reference: "#9aa1a9",
    threshold: "#3b4048",
  };
  var positive = evaluation.classes.positive;
  var negative = evaluation.classes.negative;
  var probability = evaluation.classes.column
    ? "P(" + evaluation.classes.column + " = " + positive + ")"
    : "P(" + positive + ")";
  var threshold = evaluation.threshold.probability;
  var sides = ["uncalibrated", "calibrated"]
    .filter(function (name) { return evaluation[name] !== undefined; })
    .map(function (name) { return { name: name, side: evaluation[name] }; });

  function fixed(value, digits) {
    return value === null || value === undefined ? "-" : value.toFixed(digits === undefined ? 4 : digits);
  }
  function unitAxis(title) {
    return { type: "linear", min: 0, max: 1, ticks: { stepSize: 0.1 }, title: { display: true, text: title } };
  }
  function points(xs, ys) {
    return xs.map(function (x, k) { return { x: x, y: ys[k] }; });
  }
  function referenceLine(label, from, to) {
    return {
      label: label, data: [from, to], showLine: true, borderColor: COLORS.reference, backgroundColor: COLORS.reference,
      borderDash: [6, 4], borderWidth: 1, pointRadius: 0, pointHitRadius: 0, order: 3,
    };
  }

  // A dashed vertical line at the decision threshold, for charts whose x axis is a probability.
  var thresholdLine = {
    id: "calibraThreshold",
    afterDatasetsDraw: function (chart) {
      var scale = chart.scales.x;
      var area = chart.chartArea;
      var x = scale.getPixelForValue(threshold);
      if (!(x >= area.left && x <= area.right)) return;
      var context = chart.ctx;
      context.save();
      context.strokeStyle = COLORS.threshold;
      context.lineWidth = 1;
      context.setLineDash([3, 3]);
      context.beginPath();
      context.moveTo(x, area.top);
      context.lineTo(x, area.bottom);
      context.stroke();
      context.setLineDash([]);
      context.fillStyle = COLORS.threshold;
      context.font = "12px " + Chart.defaults.font.family;
      var label = "threshold " + Number(threshold.toPrecision(6));
      var width = context.measureText(label).width;
      context.textAlign = x + 6 + width > area.right ? "right" : "left";
      context.fillText(label, context.textAlign === "right" ? x - 6 : x + 6, area.top + 14);
      context.restore();
    },
  };

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1f2328";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.labels.usePointStyle = true;

  // Reliability diagram: one point per non-empty bin, sized by its rows.
  var largestBin = 1;
  sides.forEach(function (entry) {
    entry.side.report.reliabilityDiagram.forEach(function (bin) { largestBin = Math.max(largestBin, bin.count); });
  });
  new Chart(document.getElementById("chart-reliability"), {
    type: "scatter",
    data: {
      datasets: [referenceLine("perfectly calibrated", { x: 0, y: 0 }, { x: 1, y: 1 })].concat(
        sides.map(function (entry) {
          return {
            label: entry.name + " (ECE " + fixed(entry.side.report.ece) + ")",
            sideName: entry.name,
            data: entry.side.report.reliabilityDiagram
              .filter(function (bin) { return bin.meanPredicted !== null; })
              .map(function (bin) { return { x: bin.meanPredicted, y: bin.fractionPositive, bin: bin }; }),
            showLine: true,
            borderColor: COLORS[entry.name],
            backgroundColor: COLORS[entry.name],
            borderWidth: 2,
            pointRadius: function (context) {
              var raw = context.raw;
              return raw && raw.bin ? 3 + 6 * Math.sqrt(raw.bin.count / largestBin) : 3;
            },
          };
        }),
      ),
    },
    options: {
      interaction: { mode: "nearest", intersect: false, axis: "xy" },
      scales: { x: unitAxis("mean " + probability + " in the bin"), y: unitAxis("fraction " + positive) },
      plugins: {
        tooltip: {
          callbacks: {
            title: function () { return ""; },
            label: function (context) {
              var bin = context.raw.bin;
              if (!bin) return context.dataset.label;
              return [
                context.dataset.sideName + ", bin " + fixed(bin.lower, 3) + " to " + fixed(bin.upper, 3),
                "mean " + probability + ": " + fixed(bin.meanPredicted),
                "fraction " + positive + ": " + fixed(bin.fractionPositive),
                bin.count + (bin.count === 1 ? " row" : " rows"),
              ];
            },
          },
        },
      },
    },
    plugins: [thresholdLine],
  });

  // Score histograms, one chart per side, one bar per class and bin.
  sides.forEach(function (entry) {
    var histogram = entry.side.histogram;
    var centres = histogram.edges.slice(1).map(function (upper, k) { return (histogram.edges[k] + upper) / 2; });
    function bars(label, counts, color) {
      return {
        label: label, data: points(centres, counts), backgroundColor: color, borderWidth: 0,
        barPercentage: 0.9, categoryPercentage: 0.9,
      };
    }
    new Chart(document.getElementById("chart-histogram-" + entry.name), {
      type: "bar",
      data: {
        datasets: [
          bars("actual " + positive, histogram.positive, COLORS.positive),
          bars("actual " + negative, histogram.negative, COLORS.negative),
        ],
      },
      options: {
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { type: "linear", min: 0, max: 1, offset: false, ticks: { stepSize: 0.1 },
               title: { display: true, text: probability + ", " + entry.name } },
          y: { beginAtZero: true, title: { display: true, text: "rows" } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: function (items) {
                var k = items[0].dataIndex;
                return probability + " from " + fixed(histogram.edges[k], 2) + " to " + fixed(histogram.edges[k + 1], 2);
              },
              label: function (context) { return context.dataset.label + ": " + context.raw.y; },
            },
          },
        },
      },
      plugins: [thresholdLine],
    });
  });

  // Where each side's decisions at the threshold sit on the ROC and precision-recall curves.
  function operatingPoint(entry) {
    var c = entry.side.report.confusion;
    var predicted = c.truePositives + c.falsePositives;
    return {
      fpr: c.falsePositives / (c.falsePositives + c.trueNegatives),
      tpr: c.truePositives / (c.truePositives + c.falseNegatives),
      precision: predicted === 0 ? null : c.truePositives / predicted,
    };
  }
  function thresholdMarker(entry, point) {
    return {
      label: entry.name + " at the threshold", data: [point], pointStyle: "rectRot", pointRadius: 7,
      pointHoverRadius: 8, borderColor: "#ffffff", borderWidth: 1, backgroundColor: COLORS[entry.name], order: 0,
    };
  }
  function curve(label, entry, data) {
    return {
      label: label, sideName: entry.name, data: data, showLine: true, borderColor: COLORS[entry.name],
      backgroundColor: COLORS[entry.name], borderWidth: 2, pointRadius: 0, pointHitRadius: 4,
      borderDash: entry.name === "calibrated" ? [8, 4] : [], order: 1,
    };
  }
  function xyTooltip(xName, yName) {
    return {
      callbacks: {
        title: function () { return ""; },
        label: function (context) {
          return context.dataset.label + ": " + xName + " " + fixed(context.raw.x) + ", " + yName + " " + fixed(context.raw.y);
        },
      },
    };
  }

  var rocDatasets = [referenceLine("chance", { x: 0, y: 0 }, { x: 1, y: 1 })];
  sides.forEach(function (entry) {
    var roc = entry.side.roc;
    rocDatasets.push(curve(entry.name + " (AUC " + fixed(entry.side.report.rocAuc) + ")", entry, points(roc.fpr, roc.tpr)));
    var point = operatingPoint(entry);
    rocDatasets.push(thresholdMarker(entry, { x: point.fpr, y: point.tpr }));
  });
  new Chart(document.getElementById("chart-roc"), {
    type: "scatter",
    data: { datasets: rocDatasets },
    options: {
      interaction: { mode: "nearest", intersect: false, axis: "xy" },
      scales: {
        x: unitAxis("false positive rate"),
        y: unitAxis("true positive rate (recall)"),
      },
      plugins: { tooltip: xyTooltip("FPR", "TPR") },
    },
  });

  var prevalence = evaluation.uncalibrated.report.prevalence;
  var prDatasets = [referenceLine("no skill (prevalence " + fixed(prevalence) + ")", { x: 0, y: prevalence }, { x: 1, y: prevalence })];
  sides.forEach(function (entry) {
    var pr = entry.side.pr;
    prDatasets.push(curve(entry.name + " (AP " + fixed(entry.side.report.averagePrecision) + ")", entry, points(pr.recall, pr.precision)));
    var point = operatingPoint(entry);
    if (point.precision !== null) prDatasets.push(thresholdMarker(entry, { x: point.tpr, y: point.precision }));
  });
  new Chart(document.getElementById("chart-pr"), {
    type: "scatter",
    data: { datasets: prDatasets },
    options: {
      interaction: { mode: "nearest", intersect: false, axis: "xy" },
      scales: {
        x: unitAxis("recall"),
        y: unitAxis("precision"),
      },
      plugins: { tooltip: xyTooltip("recall", "precision") },
    },
  });
})();
`;
