import type { ReactNode } from "react";

/**
 * The small part of Markdown that briefs use (headings, paragraphs, lists, bold, italics, code,
 * links), rendered as React elements: nothing is ever injected as HTML. Headings are shifted down
 * by `headingBase` so that a brief's "##" sits under the page's own headings.
 */
export function Markdown({ text, headingBase = 3 }: { text: string; headingBase?: number }) {
  return <div className="fac-markdown">{blocks(text, headingBase)}</div>;
}

function blocks(text: string, base: number): ReactNode[] {
  const out: ReactNode[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  let key = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, base + heading[1]!.length - 1);
      const Tag = `h${level}` as "h3";
      out.push(<Tag key={key++}>{inline(heading[2]!)}</Tag>);
      i++;
      continue;
    }
    const bullet = /^\s*[-*+]\s+/;
    const numbered = /^\s*\d+[.)]\s+/;
    if (bullet.test(line) || numbered.test(line)) {
      const ordered = numbered.test(line);
      const marker = ordered ? numbered : bullet;
      const items: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== "") {
        const l = lines[i]!;
        if (marker.test(l)) items.push(l.replace(marker, ""));
        else if (items.length) items[items.length - 1] += ` ${l.trim()}`;
        i++;
      }
      const List = ordered ? "ol" : "ul";
      out.push(
        <List key={key++}>
          {items.map((item, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a static text's list items
            <li key={n}>{inline(item)}</li>
          ))}
        </List>,
      );
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "" && !/^#{1,6}\s/.test(lines[i]!) && !bullet.test(lines[i]!)) {
      para.push(lines[i]!.trim());
      i++;
    }
    out.push(<p key={key++}>{inline(para.join(" "))}</p>);
  }
  return out;
}

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|\b_(.+?)_\b|`(.+?)`|\[(.+?)\]\((https?:\/\/[^\s)]+)\)/g;
  let last = 0;
  let key = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] ?? m[2]) out.push(<strong key={key++}>{inline((m[1] ?? m[2])!)}</strong>);
    else if (m[3] ?? m[4]) out.push(<em key={key++}>{inline((m[3] ?? m[4])!)}</em>);
    else if (m[5]) out.push(<code key={key++}>{m[5]}</code>);
    else if (m[6])
      out.push(
        <a key={key++} href={m[7]} rel="noreferrer" target="_blank">
          {m[6]}
        </a>,
      );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
