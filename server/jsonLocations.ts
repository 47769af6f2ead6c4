/**
 * Where things are in the text of a JSON file, to put a config diagnostic on the right
 * characters: the offset of a syntax error, or the range of the value at a JSON path.
 * A small position-tracking reader; JSON.parse (in the core) stays the judge of validity.
 */

export interface JsonSpan {
  start: number;
  end: number;
}

interface Node {
  value: JsonSpan;
  key?: JsonSpan;
  container: boolean;
}

export type JsonScan = { ok: true; nodes: Map<string, Node> } | { ok: false; error: JsonSpan };

class SyntaxFailure {
  constructor(readonly at: number) {}
}

/** Reads the text and records every value's span by its dotted path ("schools.0.sisId"). */
export function scanJson(text: string): JsonScan {
  const nodes = new Map<string, Node>();
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (): never => {
    throw new SyntaxFailure(Math.min(pos, text.length));
  };
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const expect = (ch: string) => {
    if (text[pos] !== ch) fail();
    pos++;
  };
  const readString = (): JsonSpan & { value: string } => {
    const start = pos;
    expect('"');
    let value = '';
    while (pos < text.length && text[pos] !== '"') {
      const ch = text[pos] as string;
      if (ch === '\n' || ch === '\r') fail();
      if (ch === '\\') {
        const next = text[pos + 1];
        if (next === 'u') {
          value += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
          continue;
        }
        value += next === 'n' ? '\n' : next === 't' ? '\t' : (next ?? '');
        pos += 2;
        continue;
      }
      value += ch;
      pos++;
    }
    expect('"');
    return { start, end: pos, value };
  };
  const readValue = (path: string, key: JsonSpan | undefined): void => {
    skipSpace();
    const start = pos;
    const ch = text[pos];
    let container = false;
    if (ch === '{') {
      container = true;
      pos++;
      skipSpace();
      if (text[pos] === '}') pos++;
      else {
        for (;;) {
          skipSpace();
          const name = readString();
          skipSpace();
          expect(':');
          readValue(path === '' ? name.value : `${path}.${name.value}`, name);
          skipSpace();
          if (text[pos] === ',') {
            pos++;
            continue;
          }
          expect('}');
          break;
        }
      }
    } else if (ch === '[') {
      container = true;
      pos++;
      skipSpace();
      if (text[pos] === ']') pos++;
      else {
        for (let index = 0; ; index++) {
          readValue(path === '' ? String(index) : `${path}.${index}`, undefined);
          skipSpace();
          if (text[pos] === ',') {
            pos++;
            continue;
          }
          expect(']');
          break;
        }
      }
    } else if (ch === '"') {
      readString();
    } else {
      const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(pos, pos + 64));
      if (!literal) fail();
      pos += (literal as RegExpExecArray)[0].length;
    }
    nodes.set(path, { value: { start, end: pos }, key, container });
  };

  try {
    readValue('', undefined);
    skipSpace();
    if (pos < text.length) fail();
    return { ok: true, nodes };
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    const at = error.at;
    return { ok: false, error: { start: at, end: Math.min(at + 1, text.length) } };
  }
}

/**
 * The span to mark for a problem at `path`: a plain value itself; an object or array by its
 * key (or its first character); a missing property by the nearest existing parent.
 */
export function spanOfPath(scan: JsonScan, path: string): JsonSpan {
  if (!scan.ok) return scan.error;
  const parts = path === '' ? [] : path.split('.');
  for (let n = parts.length; n >= 0; n--) {
    const node = scan.nodes.get(parts.slice(0, n).join('.'));
    if (!node) continue;
    if (!node.container) return node.value;
    if (node.key) return node.key;
    return { start: node.value.start, end: node.value.start + 1 };
  }
  return { start: 0, end: 0 };
}
