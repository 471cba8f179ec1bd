import type { Inject } from "../../../../shared/index";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { ErrorText } from "../ErrorText";
import { effectText, type Labels } from "./labels";
import { useMove } from "./useMove";
import { WriteInject } from "./WriteInject";

const T = t.facilitator.console.injects;

/** The control cell's deck: every inject with its text and effects, played or still to play. */
export function InjectDeck({ view, send, labels }: Pick<GameProps, "view" | "send"> & { labels: Labels }) {
  const draw = useMove(send);
  const secrets = view.secrets;
  const injects = secrets?.injects ?? [];
  const deck = new Set(secrets?.deck ?? []);
  const played = new Set(secrets?.played ?? []);
  const over = view.outcome !== null;
  const cards = injects.filter((i) => i.when === "deck");
  const scheduled = injects.filter((i) => i.when !== "deck");
  return (
    <section className="card con-injects" aria-labelledby="con-injects-title">
      <h2 id="con-injects-title">{T.title}</h2>
      <div className="con-buttons">
        <button
          type="button"
          data-testid="draw-inject"
          disabled={draw.busy || over}
          onClick={() => draw.run({ type: "drawInject" })}
          aria-describedby="con-deck-count"
        >
          {T.draw}
        </button>
        <span id="con-deck-count" className="hint">
          {T.left(deck.size, cards.length)}
        </span>
      </div>
      <ErrorText message={draw.error} />

      <h3>{T.deckTitle}</h3>
      {cards.length === 0 ? (
        <p className="hint">{T.noCards}</p>
      ) : (
        <ul className="con-cards">
          {cards.map((inj) => (
            <Card
              key={inj.id}
              inject={inj}
              state={deck.has(inj.id) ? "deck" : "played"}
              labels={labels}
              send={send}
              over={over}
            />
          ))}
        </ul>
      )}
      {scheduled.length > 0 && (
        <details className="con-scheduled">
          <summary>{T.scheduledTitle(scheduled.length)}</summary>
          <ul className="con-cards">
            {scheduled.map((inj) => (
              <Card
                key={inj.id}
                inject={inj}
                state={played.has(inj.id) ? "played" : "scheduled"}
                labels={labels}
                send={send}
                over={over}
              />
            ))}
          </ul>
        </details>
      )}
      <WriteInject view={view} send={send} />
    </section>
  );
}

function Card({
  inject,
  state,
  labels,
  send,
  over,
}: {
  inject: Inject;
  state: "deck" | "played" | "scheduled";
  labels: Labels;
  send: GameProps["send"];
  over: boolean;
}) {
  const play = useMove(send);
  const when = inject.when;
  return (
    <li className={`con-card con-card-${state}`}>
      <div className="con-card-head">
        <strong>{inject.title}</strong>
        {state === "deck" ? (
          <button
            type="button"
            className="secondary fac-small"
            data-testid={`inject-${inject.id}`}
            disabled={play.busy || over}
            onClick={() => play.run({ type: "inject", injectId: inject.id })}
            aria-label={T.playLabel(inject.title)}
          >
            <span aria-hidden="true">▶ </span>
            {T.play}
          </button>
        ) : (
          <span className={`fac-status fac-status-${state}`}>
            {state === "played" ? T.played : T.scheduled(typeof when === "object" ? labels.phase(when.scheduled) : "")}
          </span>
        )}
      </div>
      <details>
        <summary>{T.details}</summary>
        <p>{inject.text}</p>
        {inject.effects.length > 0 ? (
          <ul className="con-effects">
            {inject.effects.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a card's effects never change order
              <li key={i}>{effectText(e, labels)}</li>
            ))}
          </ul>
        ) : (
          <p className="hint">{T.noEffects}</p>
        )}
      </details>
      <ErrorText message={play.error} />
    </li>
  );
}
