import { SharedJson } from "../server/socket/encodeShared";
import { apply, createGame, eventFor, isRevealedTo, type RecordedEvent, viewsOf } from "../shared/index";
import { defaultScenario } from "../shared/scenarios/index";
import { playGame } from "../tests/support/randomPlay";

/**
 * One event's fan-out without the sockets (`npm run bench:encode`): for each event of random
 * default-scenario games, the views of the nine roles, the observer and the facilitator made
 * together and each seat's `event` message encoded, as gateway.broadcast does. Prints µs an event
 * (all eleven seats); no I/O, so it is steadier than the workload and tells a change to the views
 * or their encoding apart from the machine's noise.
 */
const scenario = defaultScenario;
const seats = [...scenario.roles.map((r) => r.id), "observer", "facilitator"];
const games = Array.from({ length: 8 }, (_, g) => {
  let state = createGame(scenario, { seed: `encode ${g}` });
  const { events } = playGame(scenario, { seed: `encode ${g}`, choices: [] });
  return events.map((ev, i) => {
    const e = { seq: i + 1, ...ev, hash: `h${i}` } as RecordedEvent;
    state = apply(state, e);
    return { state, e };
  });
}).flat();

function fanOut(): number {
  let bytes = 0;
  for (const { state, e } of games) {
    const views = viewsOf(state, { histories: false });
    const json = new SharedJson();
    for (const seat of seats) {
      const seen = eventFor(state, e, seat);
      if (!seen) continue;
      const event = isRevealedTo(state, seat) ? seen : (({ hash: _h, ...rest }) => rest)(seen);
      bytes += json.eventMessage(e.seq, event, views(seat), "game").json.length;
    }
  }
  return bytes;
}

// The first rounds warm the JIT; of the rest, the median and the best (the machine is shared).
const times: number[] = [];
let bytes = 0;
for (let round = 0; round < 40; round++) {
  const t = performance.now();
  bytes = fanOut();
  if (round >= 10) times.push(((performance.now() - t) * 1000) / games.length);
}
times.sort((a, b) => a - b);
console.log(
  `fan-out encoding: median ${times[times.length >> 1]!.toFixed(1)} µs an event, best ${times[0]!.toFixed(1)} (${games.length} events of the default scenario, ${seats.length} seats, ${(bytes / games.length).toFixed(0)} bytes an event)`,
);
