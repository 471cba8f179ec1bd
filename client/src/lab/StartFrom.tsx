import { useEffect, useId, useState } from "react";
import { type ScenarioListing, scenarioList } from "../../../shared/contract/index";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { api } from "../core/api";
import { ErrorText } from "../facilitator/ErrorText";
import { describeError } from "../facilitator/errors";
import { t } from "../texts";
import { START_SCENARIO, scenarioText } from "./useDraft";

const T = t.lab.start;

/** A copy of a built-in scenario or of one of this key's own, loaded into the editor. */
export function StartFrom({
  keyValue,
  onLoad,
  published,
}: {
  keyValue: string;
  onLoad: (text: string) => void;
  /** Bumped on each publish: the list is read again, the new upload in it. */
  published: number;
}) {
  const id = useId();
  const [list, setList] = useState<ScenarioListing[] | null>(null);
  const [chosen, setChosen] = useState(START_SCENARIO);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `published` is the trigger to read the list again
  useEffect(() => {
    api("/api/scenarios", scenarioList, { token: keyValue }).then(
      (all) => setList(all.filter((s) => s.builtIn || s.mine)),
      (err) => setError(describeError(err)),
    );
  }, [keyValue, published]);

  async function load() {
    setAsking(false);
    setError(null);
    setDone(null);
    try {
      onLoad(await scenarioText(chosen, keyValue));
      setDone(T.loaded(list?.find((s) => s.id === chosen)?.title ?? chosen));
    } catch (err) {
      setError(describeError(err));
    }
  }

  return (
    <div className="lab-start">
      <label htmlFor={id}>{T.label}</label>
      <div className="fac-inline">
        <select
          id={id}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          data-testid="lab-start"
          disabled={!list}
        >
          {(list ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.title} ({s.id} v{s.version})
            </option>
          ))}
        </select>
        <button
          type="button"
          className="secondary"
          onClick={() => setAsking(true)}
          disabled={!list}
          data-testid="lab-load"
        >
          {T.load}
        </button>
      </div>
      {done && (
        <p className="fac-ok" role="status">
          {done}
        </p>
      )}
      <ErrorText message={error} />
      <ConfirmDialog
        open={asking}
        title={T.load}
        confirmLabel={T.load}
        onConfirm={load}
        onCancel={() => setAsking(false)}
      >
        <p>{T.confirm}</p>
      </ConfirmDialog>
    </div>
  );
}
