/**
 * Where a problem's JSON path (`$.roles[3].optional`, as shared/scenario formats them) is in the
 * text the designer typed, so a click on the problem puts the cursor there. A small scanner over
 * the JSON: each value's path and the offset where it starts (a member's key, for an object's
 * member). A path that is not in the text (a missing field) goes to its nearest ancestor that is.
 * Text that is not JSON has no paths: its one problem says where the parser stopped.
 */
export function pathOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const str = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, at: number) => {
    ws();
    if (!out.has(path)) out.set(path, at < 0 ? i : at);
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      while (i < text.length && text[i] !== "}") {
        const keyAt = i;
        const key = str();
        ws();
        i++; // the colon
        value(/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`, keyAt);
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (c === "[") {
      i++;
      ws();
      let n = 0;
      while (i < text.length && text[i] !== "]") {
        value(`${path}[${n++}]`, -1);
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (c === '"') str();
    else while (i < text.length && !",}] \t\n\r".includes(text[i]!)) i++;
  };
  try {
    JSON.parse(text);
  } catch {
    return out;
  }
  value("$", -1);
  return out;
}

/** The offset of a path, or of its nearest ancestor in the text; null when not even `$` is. */
export function offsetOf(offsets: Map<string, number>, path: string): number | null {
  for (let p = path; p.length > 0; p = parentOf(p)) {
    const at = offsets.get(p);
    if (at !== undefined) return at;
    if (p === "$") break;
  }
  return null;
}

const parentOf = (path: string) => {
  const m = /^(.*?)(\.[^.[\]]+|\[[^\]]*\])$/.exec(path);
  return m ? m[1]! : "$";
};

/** A "not valid JSON" message's position (V8: "at position 123", or "line 4 column 7"). */
export function jsonErrorOffset(text: string, message: string): number | null {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (!lc) return null;
  const lines = text.split("\n").slice(0, Number(lc[1]) - 1);
  return lines.reduce((n, l) => n + l.length + 1, 0) + Number(lc[2]) - 1;
}

/** The 1-based line of an offset, for the problems list. */
export const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;
