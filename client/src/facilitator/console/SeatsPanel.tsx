import type { BotStrategy } from "../../../../shared/bots/strategy";
import { botName } from "../../../../shared/contract/index";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import type { Labels } from "./labels";
import { PutBot } from "./PutBot";

const T = t.facilitator.console.seats;

/**
 * Every seat: who joined it (from the record) and whether anyone is connected now (live presence);
 * on an empty seat of a live game, "Put a bot here" with the bot's strategy.
 */
export function SeatsPanel({ view, presence, labels }: Pick<GameProps, "view" | "presence"> & { labels: Labels }) {
  const connected = (id: string): boolean | null => {
    if (!presence) return null;
    return presence.find((p) => p.id === id)?.connected ?? false;
  };
  // A bot's seat has no socket: the server marks it as played by the bot instead.
  const botOf = (id: string): BotStrategy | undefined => presence?.find((p) => p.id === id)?.bot;
  const online = presence ? view.seats.filter((s) => connected(s.id)).length : null;
  return (
    <section className="card con-seats" aria-labelledby="con-seats-title">
      <h2 id="con-seats-title">{T.title}</h2>
      {online !== null && <p className="hint">{T.summary(online, view.seats.length)}</p>}
      {view.scenario?.sides.map((side) => (
        <div key={side.id}>
          <h3 className="con-seat-side">{labels.side(side.id)}</h3>
          <ul className="con-seat-list">
            {view.seats
              .filter((s) => s.side === side.id)
              .map((s) => (
                <li key={s.id} data-testid={`presence-${s.id}`}>
                  <span className="con-seat-title">{s.title}</span>
                  <Presence on={connected(s.id)} bot={botOf(s.id)} />
                  <span className="con-seat-names">
                    {s.names?.length ? T.joinedBy(s.names.join(", ")) : <span className="hint">{T.nobody}</span>}
                  </span>
                  {!s.names?.length && view.outcome === null && (
                    <PutBot gameId={view.gameId} seatId={s.id} seatTitle={s.title} />
                  )}
                </li>
              ))}
          </ul>
        </div>
      ))}
      <ul className="con-seat-list">
        <li data-testid="presence-observer">
          <span className="con-seat-title">{labels.seat("observer")}</span>
          <Presence on={connected("observer")} />
        </li>
      </ul>
    </section>
  );
}

function Presence({ on, bot }: { on: boolean | null; bot?: BotStrategy }) {
  if (on === null) return <span className="con-presence hint">{T.unknown}</span>;
  return (
    <span className={on ? "con-presence con-presence-on" : "con-presence con-presence-off"}>
      <span aria-hidden="true">{on ? "● " : "○ "}</span>
      {bot ? T.bot(botName(bot)) : on ? T.online : T.offline}
    </span>
  );
}
