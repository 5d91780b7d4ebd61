import path from 'node:path';
import type { LayerEntry } from './layer.js';

/** One node of the flattened filesystem. */
interface Node {
  type: LayerEntry['type'];
  linkname?: string;
  content?: Buffer;
  children?: Map<string, Node>;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/**
 * The image's filesystem as the container sees it: layers applied in order, each layer's
 * whiteouts (`dir/.wh.name` deletes `dir/name`) and opaque markers (`dir/.wh..wh..opq` hides
 * everything lower layers put in `dir`) applied before its own files, as the OCI image spec says.
 */
export class FlatFs {
  private readonly root: Node = { type: 'dir', children: new Map() };

  applyLayer(entries: readonly LayerEntry[]): void {
    for (const e of entries) {
      const base = path.posix.basename(e.path);
      if (!base.startsWith(WHITEOUT)) continue;
      const parent = this.node(path.posix.dirname(e.path));
      if (parent?.type !== 'dir') continue;
      if (base === OPAQUE) parent.children!.clear();
      else parent.children!.delete(base.slice(WHITEOUT.length));
    }
    for (const e of entries) {
      if (path.posix.basename(e.path).startsWith(WHITEOUT)) continue;
      if (e.type === 'hardlink') {
        const target = this.node(e.linkname!);
        this.put(e.path, target && target.type !== 'dir' ? { ...target } : { type: 'file' });
      } else this.put(e.path, { type: e.type, ...(e.linkname !== undefined ? { linkname: e.linkname } : {}), ...(e.content ? { content: e.content } : {}) });
    }
  }

  /** The node at a physical path (no symlinks followed). */
  private node(p: string): Node | undefined {
    let n: Node | undefined = this.root;
    for (const part of p === '' || p === '.' ? [] : p.split('/')) {
      n = n?.children?.get(part);
      if (!n) return undefined;
    }
    return n;
  }

  private put(p: string, node: Node): void {
    const parts = p.split('/');
    let dir = this.root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.children!.get(part);
      if (next?.type !== 'dir') dir.children!.set(part, (next = { type: 'dir', children: new Map() }));
      dir = next;
    }
    const name = parts.at(-1)!;
    const old = dir.children!.get(name);
    // A directory entry over an existing directory keeps what lower layers put in it.
    if (node.type === 'dir' && old?.type === 'dir') return;
    if (node.type === 'dir') node.children = new Map();
    dir.children!.set(name, node);
  }

  /**
   * Follow symlinks (absolute ones relative to the image root, as inside the container) to the
   * final physical path; undefined when it leads nowhere or loops.
   */
  resolve(p: string): string | undefined {
    let parts = p.split('/').filter((s) => s !== '' && s !== '.');
    const done: string[] = [];
    let hops = 0;
    while (parts.length > 0) {
      const part = parts.shift()!;
      if (part === '..') {
        done.pop();
        continue;
      }
      const n = this.node([...done, part].join('/'));
      if (!n) return undefined;
      if (n.type === 'symlink') {
        if (++hops > 40) return undefined;
        const target = n.linkname ?? '';
        if (target.startsWith('/')) done.length = 0;
        parts = [...target.split('/').filter((s) => s !== '' && s !== '.'), ...parts];
        continue;
      }
      done.push(part);
    }
    return done.join('/');
  }

  /** Content of a file, following symlinks; undefined when absent or not kept. */
  read(p: string): Buffer | undefined {
    const real = this.resolve(p);
    return real === undefined ? undefined : this.node(real)?.content;
  }

  /** Every regular file whose content was kept, with its physical path. */
  *keptFiles(): Generator<[string, Buffer]> {
    const stack: [string, Node][] = [['', this.root]];
    while (stack.length > 0) {
      const [p, n] = stack.pop()!;
      if (n.type === 'dir') for (const [name, child] of n.children!) stack.push([p === '' ? name : `${p}/${name}`, child]);
      else if (n.content) yield [p, n.content];
    }
  }

  /** Number of entries (files, links, folders) in the flattened filesystem. */
  count(): number {
    let total = 0;
    const stack: Node[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      for (const c of n.children?.values() ?? []) {
        total++;
        stack.push(c);
      }
    }
    return total;
  }
}
