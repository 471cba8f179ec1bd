import { useId } from "react";
import type { ClientView } from "../../core/mergeView";
import { t } from "../../texts";

const T = t.facilitator.console.recipients;

/**
 * Who a note or a written inject goes to: everyone, or chosen sides and seats. `value` null means
 * everyone; an empty array, chosen but none ticked yet.
 */
export function Recipients({
  view,
  value,
  onChange,
  testIdPrefix,
}: {
  view: ClientView;
  value: string[] | null;
  onChange: (to: string[] | null) => void;
  testIdPrefix: string;
}) {
  const id = useId();
  const sides = view.scenario?.sides ?? [];
  const toggle = (rid: string, on: boolean) => {
    const set = new Set(value ?? []);
    if (on) set.add(rid);
    else set.delete(rid);
    onChange([...set]);
  };
  return (
    <fieldset className="con-recipients">
      <legend>{T.legend}</legend>
      <div className="con-radios">
        <span className="fac-check">
          <input
            type="radio"
            id={`${id}-all`}
            name={`${id}-mode`}
            checked={value === null}
            onChange={() => onChange(null)}
            data-testid={`${testIdPrefix}-to-all`}
          />
          <label htmlFor={`${id}-all`}>{T.everyone}</label>
        </span>
        <span className="fac-check">
          <input
            type="radio"
            id={`${id}-some`}
            name={`${id}-mode`}
            checked={value !== null}
            onChange={() => onChange([])}
            data-testid={`${testIdPrefix}-to-some`}
          />
          <label htmlFor={`${id}-some`}>{T.chosen}</label>
        </span>
      </div>
      {value !== null && (
        <div className="con-recipient-list">
          {sides.map((side) => (
            <div key={side.id} className="con-recipient-side">
              <span className="fac-check">
                <input
                  type="checkbox"
                  id={`${id}-${side.id}`}
                  checked={value.includes(side.id)}
                  onChange={(e) => toggle(side.id, e.target.checked)}
                  data-testid={`${testIdPrefix}-to-${side.id}`}
                />
                <label htmlFor={`${id}-${side.id}`}>{T.wholeSide(side.name)}</label>
              </span>
              {view.seats
                .filter((s) => s.side === side.id)
                .map((s) => (
                  <span key={s.id} className="fac-check con-indent">
                    <input
                      type="checkbox"
                      id={`${id}-${s.id}`}
                      checked={value.includes(s.id)}
                      onChange={(e) => toggle(s.id, e.target.checked)}
                      data-testid={`${testIdPrefix}-to-${s.id}`}
                    />
                    <label htmlFor={`${id}-${s.id}`}>{s.title}</label>
                  </span>
                ))}
            </div>
          ))}
          {value.length === 0 && <p className="hint">{T.noneYet}</p>}
        </div>
      )}
    </fieldset>
  );
}
