/**
 * Where a JSON Pointer's value sits in JSON text, so the raw tab can select the field a diagnostic
 * names. A small scanner over text that `JSON.parse` already accepted; bounded by the text's length
 * and a nesting limit.
 */
import { fromPointer } from './pointer.ts';

const MAX_DEPTH = 64;

export interface TextRange {
  start: number;
  end: number;
}

/** The character range of the value at `pointer` in `text`, or null when it is not there. */
export function locatePointer(text: string, pointer: string): TextRange | null {
  const target = fromPointer(pointer);
  let i = 0;
  let found: TextRange | null = null;

  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return '';
    }
  };
  const skipScalar = () => {
    if (text[i] === '"') {
      readString();
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };

  /** Scans one value; `onPath`: the tokens so far match the target. Returns true when found. */
  const scan = (onPath: boolean, depth: number): boolean => {
    skipSpace();
    const start = i;
    const open = text[i];
    if (depth > MAX_DEPTH) return true;
    if (open !== '{' && open !== '[') {
      skipScalar();
    } else {
      i++;
      let index = 0;
      for (skipSpace(); i < text.length && text[i] !== (open === '{' ? '}' : ']'); skipSpace()) {
        let token = String(index++);
        if (open === '{') {
          token = readString();
          skipSpace();
          i++; // the colon
        }
        if (scan(onPath && target[depth] === token, depth + 1)) return true;
        skipSpace();
        if (text[i] === ',') i++;
      }
      i++;
    }
    if (onPath && depth === target.length) {
      found = { start, end: i };
      return true;
    }
    return false;
  };

  scan(true, 0);
  return found;
}
