import { io, type Socket } from "socket.io-client";
import { defaultScenario } from "../shared/scenarios/index";

/**
 * The tables of the issue #13 workload (bench/workload.ts): a game of the default scenario with
 * its nine roles and the facilitator connected (ten sockets), brought to the summit, where every
 * role may chat at the table, propose, accept and reject. Each table keeps a plan of its open
 * proposals so that every move it sends is legal even with many in flight at once (open loop):
 *
 *  - a proposal is counted against its side's limit from the moment it is sent, and stops counting
 *    only when the facilitator's socket sees it closed, so the side's count here is never below
 *    the server's, whatever order the server takes moves from different sockets in;
 *  - an accept or reject is sent only for a proposal the facilitator's socket has seen open, by a
 *    role of the side it is addressed to whose portfolio covers its terms (GAME.md, shared/judge.ts),
 *    and claims it, so no two moves in flight answer the same proposal.
 *
 * The mix: 60% chat (half on the mover's team channel, half at the table), 30% proposal slots,
 * 10% accepts. A proposal slot proposes when the mover's side has room (at most 3 open a side);
 * when it has none, the other side rejects one of them instead, since proposals only close by an
 * answer or a withdrawal and 30% proposals against 10% accepts would otherwise fill every side at
 * once and leave only refusals. An accept slot with no open proposal to answer sends a chat and is
 * counted as a fallback. What was really sent is printed (kinds below).
 */

const scenario = defaultScenario;
const MAX_OPEN = scenario.rules.maxOpenProposalsPerSide;
const roles = scenario.roles;
const sideOf = new Map(roles.map((r) => [r.id, r.side]));
const options = new Map(scenario.issues.map((i) => [i.id, i.options.map((o) => o.id)]));
const covers = (roleId: string, terms: Record<string, string>) => {
  const portfolio = roles.find((r) => r.id === roleId)!.portfolio;
  return Object.keys(terms).every((issue) => portfolio.includes(issue));
};

export type Kind = "chat-team" | "chat-table" | "propose" | "accept" | "reject" | "fallback-chat";

type Proposal = { id: string; from: string; to: string; terms: Record<string, string> };

/** What a sent move waits for: its ack, then every socket of its audience receiving its event. */
export type Sent = { kind: Kind; audience: number; t0: number; tAck: number; seq: number; code: string | null };

/** Received events of a table: seq → sockets that had it, and when the last did. */
type Receipts = Map<number, { n: number; last: number }>;

export type Table = {
  id: string;
  sockets: Map<string, Socket>;
  /** Open or sent and not yet seen closed, per side: an upper bound of the server's count. */
  counted: Record<string, number>;
  /** Proposals the facilitator's socket has seen open and not yet closed. */
  open: Map<string, Proposal>;
  /** Of those, the ones an answer in flight is for. */
  claimed: Set<string>;
  receipts: Receipts;
  /** Off for the long game, which does not measure fan-out and would keep every receipt. */
  recording: boolean;
};

/** Bytes every socket of every table received (engine.io packets: the type byte and the payload). */
export const received = { bytes: 0 };

// biome-ignore lint/suspicious/noExplicitAny: the bench reads the server's JSON loosely
type Json = any;

async function http(base: string, method: string, path: string, body: unknown, token?: string): Promise<Json> {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    s.once("state", () => resolve(s));
    s.once("connect_error", reject);
  });
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

export async function setUpTable(url: string, operatorKey: string): Promise<Table> {
  const g = await http(url, "POST", "/api/games", { scenarioId: scenario.id }, operatorKey);
  const table: Table = {
    id: g.gameId,
    sockets: new Map(),
    counted: Object.fromEntries(scenario.sides.map((s) => [s.id, 0])),
    open: new Map(),
    claimed: new Set(),
    receipts: new Map(),
    recording: true,
  };
  const tokens: [string, string][] = [["facilitator", g.facilitatorToken]];
  for (const role of roles) {
    const j = await http(url, "POST", `/api/games/${g.gameId}/join`, { code: g.joinCodes[role.id], name: role.id });
    tokens.push([role.id, j.token]);
  }
  for (const [seat, token] of tokens) {
    const socket = await connect(url, token);
    socket.io.engine.on("packet", (p: { data?: unknown }) => {
      received.bytes += 1 + (typeof p.data === "string" ? Buffer.byteLength(p.data) : 0);
    });
    socket.on("event", (m: { seq: number }) => {
      if (!table.recording) return;
      const t = performance.now();
      const r = table.receipts.get(m.seq);
      if (r) {
        r.n++;
        r.last = t;
      } else table.receipts.set(m.seq, { n: 1, last: t });
    });
    table.sockets.set(seat, socket);
  }
  // The facilitator sees every event: the table's plan of open proposals follows its feed.
  table.sockets.get("facilitator")!.on("event", (m: { event: Json }) => follow(table, m.event));
  const control = async (move: Json) => {
    const ack = await table.sockets.get("facilitator")!.emitWithAck("move", move);
    if (!ack.ok) throw new Error(`setting up ${JSON.stringify(move)}: ${ack.error.code}`);
  };
  await control({ type: "resume" });
  await control({ type: "extend", minutes: 15 });
  await control({ type: "advancePhase" });
  await control({ type: "advancePhase" }); // the summit: every role acts, on every issue
  // The summit's 20 minutes plus the most a phase may be extended by: 50 minutes of play.
  await control({ type: "extend", minutes: 15 });
  await control({ type: "extend", minutes: 15 });
  return table;
}

function follow(table: Table, e: Json): void {
  if (e.type === "propose") {
    const from = sideOf.get(e.actor.seat)!;
    const to = scenario.sides.find((s) => s.id !== from)!.id;
    table.open.set(e.payload.proposalId, { id: e.payload.proposalId, from, to, terms: e.payload.terms });
  } else if (e.type === "accept" || e.type === "reject" || e.type === "withdraw") {
    const p = table.open.get(e.payload.proposalId);
    if (!p) return;
    table.open.delete(p.id);
    table.claimed.delete(p.id);
    table.counted[p.from]!--;
  }
}

type Planned = { kind: Kind; seat: string; move: Json; audience: number; undo: () => void };

const everyone = roles.length + 1; // the roles and the facilitator
const teamAudience = (side: string) => roles.filter((r) => r.side === side).length + 1;

function chat(seat: string, kind: Kind): Planned {
  const side = sideOf.get(seat)!;
  const team = kind === "chat-team" || (kind === "fallback-chat" && Math.random() < 0.5);
  return {
    kind,
    seat,
    move: {
      type: "chat",
      channel: team ? `team:${side}` : "table",
      text: team ? `thinking out loud ${Math.random()}` : `a word across the table ${Math.random()}`,
    },
    audience: team ? teamAudience(side) : everyone,
    undo: () => {},
  };
}

function propose(table: Table, seat: string): Planned {
  const side = sideOf.get(seat)!;
  const portfolio = roles.find((r) => r.id === seat)!.portfolio;
  const terms: Record<string, string> = {};
  const n = 1 + Math.floor(Math.random() * Math.min(2, portfolio.length));
  while (Object.keys(terms).length < n) {
    const issue = pick(portfolio);
    terms[issue] = pick(options.get(issue)!);
  }
  table.counted[side]!++;
  return {
    kind: "propose",
    seat,
    move: { type: "propose", terms },
    audience: everyone,
    undo: () => {
      table.counted[side]!--;
    },
  };
}

/** An answer to an open, unclaimed proposal (from `from` if given), by a role who may give it. */
function answer(table: Table, type: "accept" | "reject", from?: string): Planned | null {
  const candidates = [...table.open.values()].filter(
    (p) => !table.claimed.has(p.id) && (from === undefined || p.from === from),
  );
  if (candidates.length === 0) return null;
  const p = pick(candidates);
  const seat = pick(roles.filter((r) => r.side === p.to && covers(r.id, p.terms))).id;
  table.claimed.add(p.id);
  return {
    kind: type,
    seat,
    move: { type, proposalId: p.id },
    audience: everyone,
    undo: () => {
      table.claimed.delete(p.id);
    },
  };
}

/** The table's next legal move in the mix (see the file's comment). */
export function nextMove(table: Table): Planned {
  const r = Math.random();
  const seat = pick(roles).id;
  if (r < 0.3) return chat(seat, "chat-team");
  if (r < 0.6) return chat(seat, "chat-table");
  if (r < 0.9) {
    const side = sideOf.get(seat)!;
    if (table.counted[side]! < MAX_OPEN) return propose(table, seat);
    const rejection = answer(table, "reject", side);
    if (rejection) return rejection;
    // Every proposal of this side is being answered already: the other side's turn to propose.
    const other = pick(roles.filter((x) => x.side !== side && table.counted[x.side]! < MAX_OPEN));
    return other ? propose(table, other.id) : chat(seat, "fallback-chat");
  }
  return answer(table, "accept") ?? chat(seat, "fallback-chat");
}

/** Sends one planned move; `done` hears its ack (or a 30-second timeout). */
export function send(table: Table, done: (s: Sent) => void): void {
  const planned = nextMove(table);
  const socket = table.sockets.get(planned.seat)!;
  const t0 = performance.now();
  socket.timeout(30_000).emit("move", planned.move, (err: Error | null, ack: Json) => {
    const tAck = performance.now();
    const code = err ? "timeout" : ack.ok ? null : String(ack.error.code);
    if (code !== null) planned.undo();
    done({ kind: planned.kind, audience: planned.audience, t0, tAck, seq: ack?.ok ? ack.seq : 0, code });
  });
}

export function closeTable(table: Table): void {
  for (const s of table.sockets.values()) s.close();
}
