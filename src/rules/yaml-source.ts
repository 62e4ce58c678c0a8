// A parsed YAML rule file that remembers where every value came from.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Diagnostic } from './diagnostics.ts';

export type PathSegment = string | number;

export class YamlSource {
  readonly file: string;
  readonly text: string;
  readonly data: unknown;
  readonly parseErrors: Diagnostic[];
  private readonly doc: ReturnType<typeof parseDocument>;
  private readonly lines: LineCounter;

  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
    this.lines = new LineCounter();
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.parseErrors = [...this.doc.errors, ...this.doc.warnings].map((e) => {
      const { line, col } = this.lines.linePos(e.pos[0]);
      return { file, line, column: col, message: `YAML: ${e.message.split('\n')[0]}` };
    });
    this.data = undefined;
    if (this.parseErrors.length === 0) {
      try {
        this.data = this.doc.toJS({ maxAliasCount: 100 });
      } catch (e) {
        // e.g. alias expansion beyond maxAliasCount (a "billion laughs" file)
        this.parseErrors.push({ file, line: 1, column: 1, message: `YAML: ${(e as Error).message}` });
      }
    }
  }

  /** Diagnostic at the value (or, with `key`, at the key) found by following `path`. */
  at(path: readonly PathSegment[], message: string, opts: { key?: boolean } = {}): Diagnostic {
    const offset = this.offsetOf(path, opts.key ?? false);
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col, message };
  }

  private offsetOf(path: readonly PathSegment[], key: boolean): number {
    let node: Node | null | undefined = this.doc.contents as Node | null;
    let best = node?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return best;
        if (last && key && isScalar(pair.key)) return pair.key.range?.[0] ?? best;
        node = pair.value as Node | null;
        best = node?.range?.[0] ?? (isScalar(pair.key) ? (pair.key.range?.[0] ?? best) : best);
      } else if (isSeq(node)) {
        node = node.items[Number(segment)] as Node | undefined;
        if (!node) return best;
        best = node.range?.[0] ?? best;
      } else {
        return best;
      }
    }
    return best;
  }
}
