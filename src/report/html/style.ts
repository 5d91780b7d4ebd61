/** The report's only stylesheet: inline, so the file opens offline; print-friendly. */
export const STYLE = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--pass:#1a7f37;--warn:#9a6700;--fail:#cf222e;--skip:#6e7781}
*{box-sizing:border-box}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:28px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted);margin-bottom:16px}
.verdict{display:inline-block;padding:6px 14px;border-radius:6px;color:#fff;font-weight:700;letter-spacing:.02em}
.v-READY{background:var(--pass)}.v-READY_WITH_WARNINGS{background:var(--warn)}.v-NOT_READY{background:var(--fail)}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
th{background:#f6f8fa}
th button{all:unset;cursor:pointer;display:block;width:100%}
th button::after{content:" ↕";color:var(--muted)}th[aria-sort=ascending] button::after{content:" ↑"}th[aria-sort=descending] button::after{content:" ↓"}
.st{font-weight:600;text-transform:uppercase;font-size:12px}
.st-pass{color:var(--pass)}.st-warn{color:var(--warn)}.st-fail{color:var(--fail)}.st-skip,.st-skipped{color:var(--skip)}.st-ran{color:var(--pass)}.st-error{color:var(--fail)}.st-passed{color:var(--pass)}.st-failed{color:var(--fail)}.st-not-covered{color:var(--warn)}
.lvl-blocker{color:var(--fail);font-weight:700}.lvl-warning{color:var(--warn);font-weight:700}.lvl-info{color:var(--muted)}
.pr-critical{color:var(--fail);font-weight:700}.pr-high{color:#bc4c00;font-weight:700}.pr-medium{color:var(--warn);font-weight:700}
.evidence,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;white-space:pre-wrap;word-break:break-word}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:12px}
.chart{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
.chart .grid{stroke:#eaeef2}.chart .axis{stroke:#8c959f}
.chart .tick,.chart .legend{font-size:11px;fill:var(--muted)}.chart .chart-title{font-size:13px;font-weight:600;fill:var(--fg)}
.chart .line{fill:none;stroke-width:2}
.s1{stroke:#0969da;fill:#0969da}.s2{stroke:#bf8700;fill:#bf8700}.s3{stroke:#cf222e;fill:#cf222e}.s4{stroke:#8250df;fill:#8250df}
.chart .line.s1,.chart .line.s2,.chart .line.s3,.chart .line.s4{fill:none}
ol.stages{padding-left:20px}
.band-good{color:var(--pass);font-weight:600}.band-needs-improvement{color:var(--warn);font-weight:600}.band-poor{color:var(--fail);font-weight:600}
@media print{th button::after{content:""}}
`;
