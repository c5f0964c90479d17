/**
 * The HTML report's style sheet, inlined in its `<head>`: system fonts, a single centred column up to 1180 px wide,
 * the three curves side by side and the two histograms side by side on a laptop screen (one chart a row on a narrow
 * one), tables with tabular figures, and print rules.
 */
export const HTML_REPORT_STYLE = `
:root {
  --text: #1f2328;
  --muted: #5b636e;
  --rule: #d8dde3;
  --panel: #ffffff;
  --page: #f5f6f8;
  --uncalibrated: #d9822b;
  --calibrated: #2166ac;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body {
  margin: 0;
  background: var(--page);
  color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.45;
}
main, header.report, footer.report { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header.report { padding-top: 28px; padding-bottom: 8px; }
h1 { font-size: 1.6rem; font-weight: 600; margin: 0 0 12px; }
h1 code { font-size: 1.45rem; }
h2 { font-size: 1.2rem; font-weight: 600; margin: 0 0 12px; }
h3 { font-size: 1rem; font-weight: 600; margin: 0 0 8px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
section.panel {
  background: var(--panel);
  border: 1px solid var(--rule);
  border-radius: 6px;
  padding: 18px 20px;
  margin: 18px 0;
}
p.note, figcaption { color: var(--muted); font-size: 0.9rem; margin: 8px 0 0; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 12px; text-align: right; border-bottom: 1px solid var(--rule); }
th:first-child, td:first-child { text-align: left; }
thead th { font-weight: 600; border-bottom: 2px solid var(--rule); }
td.hint { color: var(--muted); font-size: 0.85rem; }
th.uncalibrated { color: var(--uncalibrated); }
th.calibrated { color: var(--calibrated); }
.matrices { display: flex; flex-wrap: wrap; gap: 32px; }
table.confusion caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
table.confusion td { min-width: 7em; }
table.confusion td.correct { background: #eef5ee; }
table.confusion td.wrong { background: #fbefed; }
table.rates { margin-top: 10px; }
table.rates th, table.rates td { border-bottom: none; padding: 2px 12px 2px 0; }
.charts { display: grid; gap: 18px; }
.charts.curves { grid-template-columns: repeat(auto-fit, minmax(330px, 1fr)); }
.charts.histograms { grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); }
.charts figure { margin: 0; }
.chart { position: relative; height: 380px; }
.no-charts .chart { display: none; }
.charts-missing { display: none; color: #9a3412; }
.no-charts .charts-missing { display: block; }
footer.report { color: var(--muted); font-size: 0.85rem; padding-bottom: 28px; }
@media (max-width: 560px) { .charts.curves, .charts.histograms { grid-template-columns: 1fr; } }
@media print {
  body { background: #fff; }
  section.panel { border: none; padding: 0; break-inside: avoid; }
  .charts figure { break-inside: avoid; }
}
`;
