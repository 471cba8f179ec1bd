import type { ReactNode } from "react";

/**
 * A small, safe reader for the markdown of briefs and background: headings, paragraphs, bullet
 * and numbered lists, **bold**, *italic* and `code`. It builds React elements from text, so
 * nothing in a scenario can inject HTML. Links show their text and address as plain text.
 */
export function Markdown({ text, headingLevel = 3 }: { text: string; headingLevel?: 1 | 2 | 3 | 4 | 5 }) {
  return <div className="md">{blocks(text, headingLevel)}</div>;
}

type Block =
  | { kind: "h"; depth: number; text: string }
  | { kind: "p"; text: string }
  | { kind: "ul" | "ol"; items: string[] };

function parse(text: string): Block[] {
  const out: Block[] = [];
  let para: string[] = [];
  let list: { kind: "ul" | "ol"; items: string[] } | null = null;
  const flush = () => {
    if (para.length) out.push({ kind: "p", text: para.join(" ") });
    para = [];
    if (list) out.push(list);
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (line === "") flush();
    else if (heading) {
      flush();
      out.push({ kind: "h", depth: heading[1]!.length, text: heading[2]! });
    } else if (bullet || numbered) {
      const kind = bullet ? "ul" : "ol";
      if (para.length || (list && list.kind !== kind)) flush();
      list ??= { kind, items: [] };
      list.items.push((bullet ?? numbered)![1]!);
    } else if (list && /^\s{2,}/.test(raw)) {
      // A wrapped list item.
      list.items[list.items.length - 1] += ` ${line}`;
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return out;
}

function blocks(text: string, base: number): ReactNode[] {
  // The shallowest heading in the text becomes `base`, the next ones one level deeper.
  const parsed = parse(text);
  const top = Math.min(7, ...parsed.map((b) => (b.kind === "h" ? b.depth : 7)));
  return parsed.map((b, i) => {
    const key = `${b.kind}-${i}`;
    if (b.kind === "h") {
      const level = Math.min(6, base + b.depth - top);
      const Tag = `h${level}` as "h3";
      return <Tag key={key}>{inline(b.text)}</Tag>;
    }
    if (b.kind === "p") return <p key={key}>{inline(b.text)}</p>;
    const List = b.kind;
    return (
      <List key={key}>
        {b.items.map((item, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
          <li key={j}>{inline(item)}</li>
        ))}
      </List>
    );
  });
}

const INLINE = /(\*\*[^*]+\*\*|__[^_]+__|\*[^*\s][^*]*\*|_[^_\s][^_]*_|`[^`]+`|\[[^\]]+\]\([^)\s]+\))/g;

function inline(text: string): ReactNode[] {
  // Splitting on a pattern with one group puts the matches at the odd indices.
  return text.split(INLINE).map((part, i) => {
    const key = `${i}`;
    if (i % 2 === 0) return part;
    if (/^(\*\*|__).+\1$/.test(part)) return <strong key={key}>{part.slice(2, -2)}</strong>;
    if (/^[*_]/.test(part)) return <em key={key}>{part.slice(1, -1)}</em>;
    if (/^`.+`$/.test(part)) return <code key={key}>{part.slice(1, -1)}</code>;
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part);
    if (link) return <span key={key}>{`${link[1]} (${link[2]})`}</span>;
    return part;
  });
}
