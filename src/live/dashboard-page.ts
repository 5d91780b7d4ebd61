/**
 * The dashboard page: HTML, CSS and JS of our own, served from the dashboard's own origin (no CDN,
 * works offline). The script builds every element with createElement/textContent: names and
 * figures from the target are never parsed as HTML. Charts are small SVG polylines.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gonogo live</title>
<link rel="stylesheet" href="/dashboard.css">
<script src="/dashboard.js" defer></script>
</head>
<body>
<header><h1>gonogo live</h1><span id="status">connecting…</span></header>
<section id="verdict" hidden></section>
<section class="tiles">
  <div class="tile"><h2>Request rate</h2><div class="fig" id="rps">–</div><div class="unit">req/s (last second)</div><code data-metric="requests"></code></div>
  <div class="tile"><h2>Latency</h2><div class="fig" id="lat">–</div><div class="unit">p50 / p95 / p99 ms (last second)</div><code data-metric="duration"></code></div>
  <div class="tile"><h2>Errors</h2><div class="fig" id="errs">–</div><div class="unit">failed requests so far</div><code data-metric="errors"></code></div>
  <div class="tile"><h2>Active users</h2><div class="fig" id="users">–</div><div class="unit">virtual users now</div><code data-metric="vus"></code></div>
  <div class="tile"><h2>Elapsed</h2><div class="fig" id="elapsed">–</div><div class="unit" id="runinfo">run</div></div>
</section>
<section class="charts">
  <figure><figcaption>Requests per second</figcaption><svg id="chart-rps" viewBox="0 0 600 140" preserveAspectRatio="none"></svg></figure>
  <figure><figcaption>Latency p50 / p95 / p99 (ms)</figcaption><svg id="chart-lat" viewBox="0 0 600 140" preserveAspectRatio="none"></svg></figure>
</section>
<section><h2>Thresholds <code data-metric="threshold"></code></h2><table id="thresholds"><thead><tr><th>threshold</th><th>now</th><th>status</th></tr></thead><tbody></tbody></table></section>
<section><h2>Errors by class <code data-metric="errors"></code></h2><table id="classes"><thead><tr><th>class</th><th>count</th></tr></thead><tbody></tbody></table></section>
<section><h2>Endpoints <code data-metric="endpointDuration"></code></h2><table id="endpoints"><thead><tr><th>endpoint</th><th>requests</th><th>errors</th><th>status classes</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th></tr></thead><tbody></tbody></table></section>
<section id="server-section" hidden><h2>Server metrics <code data-metric="server"></code></h2><table id="server"><thead><tr><th>series</th><th>value</th><th>unit</th></tr></thead><tbody></tbody></table></section>
<footer>Updates once a second over Server-Sent Events; the page can be closed and reopened while the run goes.</footer>
</body>
</html>
`;

export const DASHBOARD_CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5rem 2rem; color: #1d232a; background: #f7f8fa; }
header { display: flex; align-items: baseline; gap: 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
#status { color: #667; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .8rem; }
.tile { background: #fff; border: 1px solid #dde; border-radius: 6px; padding: .6rem .8rem; }
.tile h2 { margin: 0; font-size: .85rem; color: #556; }
.fig { font-size: 1.6rem; font-variant-numeric: tabular-nums; }
.unit { color: #667; font-size: .8rem; }
code { font-size: .75rem; color: #557; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: .8rem; margin-top: .8rem; }
figure { margin: 0; background: #fff; border: 1px solid #dde; border-radius: 6px; padding: .5rem; }
svg { width: 100%; height: 140px; }
polyline { fill: none; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.s0 { stroke: #2563eb; } .s1 { stroke: #d97706; } .s2 { stroke: #dc2626; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { text-align: left; padding: .25rem .6rem; border-bottom: 1px solid #eef; font-variant-numeric: tabular-nums; }
.pass { color: #15803d; font-weight: 600; } .fail { color: #b91c1c; font-weight: 600; }
#verdict { margin: .6rem 0; padding: .8rem 1rem; border-radius: 6px; font-size: 1.2rem; font-weight: 600; }
#verdict.pass { background: #dcfce7; } #verdict.fail { background: #fee2e2; }
#verdict a { margin-left: 1rem; font-size: 1rem; }
footer { margin-top: 1.5rem; color: #667; font-size: .8rem; }
`;

export const DASHBOARD_JS = `'use strict';
(function () {
  var history = [];
  var SVG = 'http://www.w3.org/2000/svg';
  var $ = function (id) { return document.getElementById(id); };
  var num = function (x, d) { return typeof x === 'number' && isFinite(x) ? x.toFixed(d === undefined ? 0 : d) : '–'; };

  function row(tbody, cells, cls) {
    var tr = document.createElement('tr');
    cells.forEach(function (c, i) {
      var td = document.createElement('td');
      td.textContent = String(c);
      if (cls && cls[i]) td.className = cls[i];
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }
  function fill(id, rows, cls) {
    var tbody = $(id).querySelector('tbody');
    tbody.replaceChildren();
    rows.forEach(function (r, i) { row(tbody, r, cls ? cls[i] : null); });
  }
  function chart(id, series) {
    var svg = $(id);
    svg.replaceChildren();
    var pts = history.slice(-300);
    if (pts.length < 2) return;
    var max = 1;
    series.forEach(function (k) { pts.forEach(function (p) { if (p[k] > max) max = p[k]; }); });
    series.forEach(function (k, si) {
      var line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('class', 's' + si);
      line.setAttribute('points', pts.map(function (p, i) { return (i * 600 / (pts.length - 1)).toFixed(1) + ',' + (138 - p[k] / max * 130).toFixed(1); }).join(' '));
      svg.appendChild(line);
    });
    var label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', '4'); label.setAttribute('y', '12'); label.setAttribute('font-size', '11');
    label.textContent = 'max ' + num(max, max < 10 ? 1 : 0);
    svg.appendChild(label);
  }
  function snapshot(s) {
    if (!s) return;
    $('rps').textContent = num(s.second.requests);
    $('lat').textContent = num(s.second.p50, 1) + ' / ' + num(s.second.p95, 1) + ' / ' + num(s.second.p99, 1);
    $('errs').textContent = num(s.errors) + ' of ' + num(s.requests);
    $('users').textContent = num(s.users);
    $('elapsed').textContent = num(s.elapsedMs / 1000) + ' s';
    $('runinfo').textContent = 'load run ' + s.run + ' of this command, planned ' + num(s.durationMs / 1000) + ' s';
    fill('thresholds', s.thresholds.map(function (t) { return [t.metric + ': ' + t.expression, t.actual === null ? 'no data' : num(t.actual, 3), t.ok ? 'passing' : 'failing']; }),
      s.thresholds.map(function (t) { return [null, null, t.ok ? 'pass' : 'fail']; }));
    var classes = Object.keys(s.errorClasses);
    fill('classes', classes.length ? classes.map(function (c) { return [c, s.errorClasses[c]]; }) : [['none', 0]]);
    fill('endpoints', s.endpoints.map(function (e) {
      var sc = Object.keys(e.statusClasses).map(function (k) { return k + ': ' + e.statusClasses[k]; }).join(', ');
      return [(e.scenario ? e.scenario + ': ' : '') + e.name, e.requests, e.errors, sc, num(e.p50, 1), num(e.p95, 1), num(e.p99, 1)];
    }).concat(s.endpointsOmitted > 0 ? [['… and ' + s.endpointsOmitted + ' more endpoints with fewer requests (all are in the report)', '', '', '', '', '', '']] : []));
    $('server-section').hidden = s.server.length === 0;
    fill('server', s.server.map(function (v) { return [v.name, num(v.value, Math.abs(v.value) < 10 ? 3 : 0), v.unit]; }));
  }
  function verdict(v) {
    var box = $('verdict');
    if (!v) { box.hidden = true; return; }
    box.hidden = false;
    box.className = v.passed ? 'pass' : 'fail';
    box.replaceChildren();
    box.appendChild(document.createTextNode('Verdict: ' + v.verdict));
    if (v.report) {
      var a = document.createElement('a');
      a.href = '/report';
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = 'report (' + v.report + ')';
      box.appendChild(a);
    }
    $('status').textContent = 'run finished';
  }
  function redraw() {
    chart('chart-rps', ['rps']);
    chart('chart-lat', ['p50', 'p95', 'p99']);
  }

  var es = new EventSource('/events');
  es.addEventListener('hello', function (ev) {
    var d = JSON.parse(ev.data);
    document.querySelectorAll('code[data-metric]').forEach(function (c) { c.textContent = d.metrics[c.getAttribute('data-metric')] || ''; });
    history = d.history;
    snapshot(d.snapshot);
    verdict(d.verdict);
    redraw();
    if (!d.verdict) $('status').textContent = 'live';
  });
  es.addEventListener('snapshot', function (ev) {
    var d = JSON.parse(ev.data);
    var last = history[history.length - 1];
    if (d.point && (!last || last.run !== d.point.run || last.t !== d.point.t)) {
      history.push(d.point);
      if (history.length > 3600) history.shift();
    }
    snapshot(d.snapshot);
    redraw();
  });
  es.addEventListener('verdict', function (ev) { verdict(JSON.parse(ev.data)); es.close(); });
  es.onerror = function () { if ($('status').textContent !== 'run finished') $('status').textContent = 'reconnecting…'; };
})();
`;
