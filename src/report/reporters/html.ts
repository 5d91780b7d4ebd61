import { renderHtml } from '../html/page.js';
import type { Reporter } from '../reporter.js';

/** One self-contained HTML file: inline CSS, hand-drawn SVG charts, a sort script; opens offline. */
export const html: Reporter = (report) => renderHtml(report);
