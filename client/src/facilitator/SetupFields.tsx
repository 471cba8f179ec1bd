import { useCallback, useEffect, useState } from "react";
import { type ScenarioListing, scenarioList } from "../../../shared/contract/index";
import type { PublicScenario } from "../../../shared/index";
import { api } from "../core/api";
import { storage } from "../core/storage";
import { t } from "../texts";
import { describeError } from "./errors";

/** What the New-game and New-class forms share: the scenarios offered, and the roles left out. */

const DEFAULT_SCENARIO = "great-rebalancing";
const T = t.facilitator.newGame;
type Chosen = { id: string; version: number };

/** The default scenario first, then the others by title. */
const ordered = (list: ScenarioListing[]) =>
  [...list].sort((a, b) =>
    a.id === DEFAULT_SCENARIO ? -1 : b.id === DEFAULT_SCENARIO ? 1 : a.title.localeCompare(b.title),
  );

/**
 * The scenarios this key may use (with the key: a facilitator's own uploads are listed to that key
 * only), the one chosen (the first until one is picked), and a reload that may pick one (an upload).
 */
export function useScenarioChoice() {
  const [list, setList] = useState<ScenarioListing[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const loadList = useCallback(async (pick?: Chosen) => {
    try {
      const l = ordered(await api("/api/scenarios", scenarioList, { token: storage.facilitatorKey() }));
      setList(l);
      setListError(null);
      setChosen((c) => {
        if (pick) return pick;
        if (c) return c;
        const first = l[0];
        return first ? { id: first.id, version: first.version } : null;
      });
    } catch (err) {
      setListError(describeError(err));
    }
  }, []);
  useEffect(() => {
    loadList();
  }, [loadList]);
  return { list, listError, chosen, setChosen, loadList };
}

/** The optional roles, each a checkbox to leave it out (nothing when the scenario has none). */
export function LeaveOutRoles({
  scenario,
  leaveOut,
  onChange,
  idPrefix,
  testIdPrefix,
}: {
  scenario: PublicScenario;
  leaveOut: Set<string>;
  onChange: (next: Set<string>) => void;
  idPrefix: string;
  testIdPrefix: string;
}) {
  const optional = scenario.roles.filter((r) => r.optional);
  if (optional.length === 0) return null;
  const sideName = (id: string) => scenario.sides.find((s) => s.id === id)?.name ?? id;
  return (
    <fieldset className="fac-fieldset">
      <legend>{T.rolesLegend}</legend>
      <p className="hint">{T.rolesHint}</p>
      {optional.map((r) => (
        <div key={r.id} className="fac-check">
          <input
            type="checkbox"
            id={`${idPrefix}${r.id}`}
            data-testid={`${testIdPrefix}${r.id}`}
            checked={leaveOut.has(r.id)}
            onChange={(e) => {
              const next = new Set(leaveOut);
              if (e.target.checked) next.add(r.id);
              else next.delete(r.id);
              onChange(next);
            }}
          />
          <label htmlFor={`${idPrefix}${r.id}`}>{T.leaveOut(r.title, sideName(r.side))}</label>
        </div>
      ))}
    </fieldset>
  );
}
