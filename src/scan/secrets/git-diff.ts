/**
 * Parses `git log -p` / `git diff` output (unified diff, -U1) into one record per changed file: its added lines
 * with their line numbers in the new file, plus the context lines (for allow comments on the line before).
 * Pure and incremental: feed lines, collect records, so a long history never sits in memory at once.
 * Hunk line counts are tracked, so an added line that itself starts with "+++ " or "diff --git" is content.
 */
export interface FileDiff {
  commit?: string;
  file: string;
  /** Added lines in order: [new-file line number, text]. */
  added: [number, string][];
  /** Added and context lines by new-file line number. */
  lines: Map<number, string>;
}

/** Lines starting with this in the log format mark a new commit. */
export const COMMIT_MARK = '\u0001commit ';

/** When one file's added text grows past this, it is flushed as a record and the rest continues in another. */
const MAX_RECORD_CHARS = 4 << 20;

export class DiffParser {
  private commit: string | undefined;
  private current: FileDiff | undefined;
  private chars = 0;
  private newLine = 0;
  private oldLeft = 0;
  private newLeft = 0;

  constructor(private readonly emit: (d: FileDiff) => void) {}

  line(raw: string): void {
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.oldLeft > 0 || this.newLeft > 0) {
      this.hunkLine(l);
      return;
    }
    if (l.startsWith(COMMIT_MARK)) {
      this.flush();
      this.commit = l.slice(COMMIT_MARK.length).trim();
    } else if (l.startsWith('diff --git ')) {
      this.flush();
    } else if (l.startsWith('+++ ')) {
      this.flush();
      const file = parsePath(l.slice(4));
      if (file !== undefined) this.current = { ...(this.commit ? { commit: this.commit } : {}), file, added: [], lines: new Map() };
    } else if (l.startsWith('@@ ')) {
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(l);
      if (m) {
        this.oldLeft = m[1] === undefined ? 1 : Number(m[1]);
        this.newLine = Number(m[2]);
        this.newLeft = m[3] === undefined ? 1 : Number(m[3]);
      }
    }
  }

  end(): void {
    this.flush();
  }

  private hunkLine(l: string): void {
    const c = l[0];
    if (c === '+') {
      this.add(this.newLine, l.slice(1), true);
      this.newLine++;
      this.newLeft--;
    } else if (c === '-') {
      this.oldLeft--;
    } else if (c === '\\') {
      // "\ No newline at end of file"
    } else {
      this.add(this.newLine, l.slice(1), false);
      this.newLine++;
      this.newLeft--;
      this.oldLeft--;
    }
    if (this.oldLeft < 0) this.oldLeft = 0;
    if (this.newLeft < 0) this.newLeft = 0;
  }

  private add(n: number, text: string, added: boolean): void {
    const cur = this.current;
    if (!cur) return;
    cur.lines.set(n, text);
    if (added) {
      cur.added.push([n, text]);
      this.chars += text.length + 1;
      if (this.chars > MAX_RECORD_CHARS) {
        this.emit(cur);
        this.current = { ...(cur.commit ? { commit: cur.commit } : {}), file: cur.file, added: [], lines: new Map() };
        this.chars = 0;
      }
    }
  }

  private flush(): void {
    if (this.current && this.current.added.length > 0) this.emit(this.current);
    this.current = undefined;
    this.chars = 0;
    this.oldLeft = 0;
    this.newLeft = 0;
  }
}

/** `b/path`, `"b/p\303\244th"` (C-quoted), or /dev/null (a deletion: nothing added). */
function parsePath(s: string): string | undefined {
  let p = s.trim();
  if (p === '/dev/null') return undefined;
  // Lines arrive decoded as latin1 (one char per byte); paths are UTF-8 bytes.
  if (p.startsWith('"') && p.endsWith('"')) p = unquote(p.slice(1, -1));
  else p = Buffer.from(p, 'latin1').toString('utf8');
  return p.startsWith('b/') ? p.slice(2) : p;
}

function unquote(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = s[++i];
    if (n !== undefined && /[0-7]/.test(n)) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, '"': 34, '\\': 92 } as Record<string, number>)[n ?? ''] ?? (n ?? '').charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}
