import type { Report } from '../core/result.js';

/** How a reporter should render; the CLI fills this from flags and the terminal. */
export interface ReporterOptions {
  /** Emit ANSI colour. The CLI decides (TTY, NO_COLOR, --color); reporters never sniff the environment. */
  color: boolean;
  /** Terminal width in columns for reporters that truncate (table). Defaults to 100. */
  width?: number;
  /**
   * Repository-relative path of the config file that declared the checks. SARIF anchors
   * results of failing checks that have no findings (e.g. a load threshold) to it, because
   * code scanning needs a file for every alert. Defaults to "gonogo.config.yaml".
   */
  configFile?: string;
  /** Table: the findings were printed while the command ran (`gonogo docs`), so the closing table leaves them out. */
  findingsShown?: boolean;
}

/**
 * A reporter turns one Report into the full text of one output format. It is pure:
 * no I/O, no clock, no environment, so golden files can pin its output byte for byte.
 */
export type Reporter = (report: Report, options: ReporterOptions) => string;
