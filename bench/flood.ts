import { io, type Socket } from "socket.io-client";

/**
 * One abusive game's traffic, for `npm run bench`'s flood phase, in a process of its own so that
 * its client-side work does not slow the quiet game's bots that measure. Until FLOOD_SECONDS
 * have passed, from one address:
 *  - one seat's token opens as many sockets as it can, and each keeps moves in flight;
 *  - the observer's token opens as many sockets as it can, and each asks to `resume` from 0 again
 *    and again (the whole log, every time);
 *  - joins with the game's observer code, and with guessed codes, many at once;
 *  - game creations with the facilitator key, many at once.
 * Prints what each got, as one JSON line, then exits.
 */

type Args = {
  url: string;
  gameId: string;
  seatToken: string;
  observerToken: string;
  observerCode: string;
  key: string;
};
const args = JSON.parse(process.env.FLOOD_ARGS ?? "{}") as Args;
const until = performance.now() + Number(process.env.FLOOD_SECONDS ?? 20) * 1000;
const going = () => performance.now() < until;

const counts: Record<string, Record<string, number>> = {};
const count = (what: string, outcome: string) => {
  const c = counts[what] ?? {};
  c[outcome] = (c[outcome] ?? 0) + 1;
  counts[what] = c;
};

function open(token: string): Promise<Socket | null> {
  return new Promise((resolve) => {
    const s = io(args.url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    s.once("state", () => resolve(s));
    s.once("connect_error", (err) => {
      count("sockets", err.message);
      s.close();
      resolve(null);
    });
  });
}

async function sockets(token: string, tries: number): Promise<Socket[]> {
  const got = (await Promise.all(Array.from({ length: tries }, () => open(token)))).filter((s): s is Socket => !!s);
  for (const _ of got) count("sockets", "open");
  return got;
}

async function moves(s: Socket, inFlight: number) {
  const one = async (): Promise<void> => {
    while (going()) {
      try {
        const ack = await s
          .timeout(10_000)
          .emitWithAck("move", { type: "chat", channel: "team:washington", text: "spam" });
        count("moves", ack.ok ? "ok" : ack.error.code);
      } catch {
        count("moves", "timeout");
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, one));
}

async function resumes(s: Socket) {
  s.on("error_message", (e: { code: string }) => count("resumes", e.code));
  s.on("state", () => count("resumes", "answered (state)"));
  while (going()) {
    for (let i = 0; i < 20; i++) s.emit("resume", { fromSeq: 0 });
    count("resumes", "sent (x20)");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function post(path: string, body: unknown, token?: string): Promise<number> {
  try {
    const res = await fetch(args.url + path, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function loop(parallel: number, what: string, send: (i: number) => Promise<number>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (going()) count(what, String(await send(i++)));
    }),
  );
}

async function main() {
  const seat = await sockets(args.seatToken, 40);
  const watch = await sockets(args.observerToken, 40);
  await Promise.all([
    ...seat.map((s) => moves(s, 20)),
    ...watch.map((s) => resumes(s)),
    loop(10, "joins (observer code)", () =>
      post(`/api/games/${args.gameId}/join`, { code: args.observerCode, name: "crowd" }),
    ),
    loop(10, "joins (guessed codes)", (i) => post("/api/join", { code: `GUESS-${i}`, name: "eve" })),
    loop(4, "game creations", () => post("/api/games", { scenarioId: "great-rebalancing" }, args.key)),
  ]);
  for (const s of [...seat, ...watch]) s.close();
  console.log(JSON.stringify(counts));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
