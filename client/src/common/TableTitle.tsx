import { useEffect, useState } from "react";
import { gameSummary } from "../../../shared/contract/index";
import { api } from "../core/api";
import { t } from "../texts";
import "./tableTitle.css";

/** A game's title and, for a table of a class, its label ("Table A"), as its summary gives them. */
export type TableTitle = { title: string; label: string | null };

/**
 * The game's title and table label, read once from its summary with the page's own token (any
 * seat's token may read its game's summary), and the browser tab named after them: three tables'
 * consoles, projectors and seats open side by side are told apart by their tabs. The label is not
 * in the view (that is the rules' business); the summary is the game's, beside the rules.
 */
export function useTableTitle(gameId: string, token: string | null, page: string | null): TableTitle | null {
  const [title, setTitle] = useState<TableTitle | null>(null);
  useEffect(() => {
    if (!token) return;
    let live = true;
    api(`/api/games/${encodeURIComponent(gameId)}`, gameSummary, { token }).then(
      (g) => live && setTitle({ title: g.title, label: g.label }),
      // No summary (offline, a token just reset): the page works without its label; the tab keeps its name.
      () => {},
    );
    return () => {
      live = false;
    };
  }, [gameId, token]);
  useTabTitle(title && page ? t.classes.tab(title.title, page) : null);
  return title;
}

/** The browser tab's title while the page is shown (null: left as it is), the old one back after. */
export function useTabTitle(text: string | null): void {
  useEffect(() => {
    if (!text) return;
    const before = document.title;
    document.title = text;
    return () => {
      document.title = before;
    };
  }, [text]);
}

/** A class's table label, shown large at the top of the table's every page; nothing for a game alone. */
export function TableLabel({ title }: { title: TableTitle | null }) {
  if (!title?.label) return null;
  return (
    <p className="table-label" data-testid="table-label">
      {title.label}
    </p>
  );
}
