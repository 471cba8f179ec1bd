import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyRecord } from "../../server/games/record";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";

// Control's rulings and undo (issue #12, rules version 4) through the server, over real sockets:
// a ruling told to both seats with its reason, refused to a seat; a written inject's private
// effects seen only by their side; undo restoring both, an undo of an undo refused; the record
// verifying with them and the CSV listing them. FIXTURE_OUT=<file> writes the export (the frozen
// version-4 record in tests/fixtures was made so).

const SECRET_SHIFT = 37;

describe.each(backends)("Control's rulings on the server ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  const open: SeatClient[] = [];
  beforeAll(async () => {
    const fresh = await backend.fresh();
    drop = fresh.drop;
    server = await startServer(fresh.db);
    await http(server.url, "POST", "/api/scenarios", { token: TEST_OPERATOR_KEY, body: tinyScenario });
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.stop();
    await server?.ctx.db.close();
    await drop?.();
  });

  const client = async (token: string) => {
    const c = await connect(server.url, token);
    open.push(c);
    return c;
  };
  /** Polls until the client's view passes `ok` (no timed assertion: the machine may be slow). */
  const until = async (c: SeatClient, ok: (view: any) => boolean) => {
    for (let i = 0; i < 3000 && !ok(c.view); i++) await new Promise((r) => setTimeout(r, 10));
    expect(ok(c.view)).toBe(true);
  };

  it("rules, applies private effects, undoes, and records it all", async () => {
    const created = await http(server.url, "POST", "/api/games", {
      token: TEST_OPERATOR_KEY,
      body: { scenarioId: "tiny-summit", seed: "control" },
    });
    expect(created.status).toBe(201);
    const { gameId, facilitatorToken, joinCodes } = created.body;
    const join = async (seat: string, name: string) =>
      (await http(server.url, "POST", `/api/games/${gameId}/join`, { body: { code: joinCodes[seat], name } })).body
        .token as string;
    const f = await client(facilitatorToken);
    const north = await client(await join("n-lead", "Nia"));
    const south = await client(await join("s-lead", "Sol"));
    expect(f.view.rulesVersion).toBe(4);

    for (const m of [{ type: "resume" }, { type: "advancePhase" }, { type: "advancePhase" }]) {
      expect(await f.move(m)).toMatchObject({ ok: true });
    }
    expect(await north.move({ type: "propose", terms: { fish: "split" } })).toMatchObject({ ok: true });
    expect(await south.move({ type: "accept", proposalId: "p1" })).toMatchObject({ ok: true });

    // A ruling is Control's alone.
    const ruling = { type: "ruling", kind: "impose", issue: "border", option: "open", reason: "The 1998 accord binds" };
    expect(await north.move(ruling)).toMatchObject({ ok: false, error: { code: "not_facilitator" } });
    expect(await f.move(ruling)).toMatchObject({ ok: true });
    for (const seat of [north, south]) {
      await until(seat, (v) => v.draft?.terms?.border === "open");
      expect(seat.view.feed.at(-1)).toMatchObject({
        kind: "ruling",
        title: "Border crossing: Open",
        text: "The 1998 accord binds",
        to: null,
      });
    }
    expect(await north.move({ type: "sign", draftVersion: 2 })).toMatchObject({ ok: true });
    expect(await f.move({ type: "undo", reason: "The accord was repealed" })).toMatchObject({ ok: true });
    await until(south, (v) => v.draft.version === 3);
    expect(south.view.draft).toMatchObject({ terms: { fish: "split" }, signedBy: [] });
    expect(await f.move({ type: "undo" })).toMatchObject({ ok: false, error: { code: "nothing_to_undo" } });

    // A written inject shifting south's walk-away: south sees its own; north never sees the shift.
    const southBefore = south.view.mine.side.reservation;
    const inject = {
      type: "inject",
      title: "Storm damage",
      text: "The southern ports are closed.",
      effects: [{ shiftReservation: { side: "south", by: -SECRET_SHIFT } }, { press: { text: "Ports closed." } }],
    };
    expect(await f.move(inject)).toMatchObject({ ok: true });
    await until(south, (v) => v.mine.side.reservation === southBefore - SECRET_SHIFT);
    expect(await f.move({ type: "undo", reason: "Ports reopened" })).toMatchObject({ ok: true });
    await until(south, (v) => v.mine.side.reservation === southBefore);
    await until(north, (v) => v.feed.some((x: { kind: string; text: string }) => x.text === "Ports reopened"));
    const heard = JSON.stringify(north.received);
    expect(heard).not.toContain("shiftReservation");
    expect(heard).not.toContain('"effects"');
    expect(heard).toContain("The 1998 accord binds");

    // The record: verifies (every ruling and undo decided again), and the CSV lists them.
    const record = (
      await http(server.url, "GET", `/api/games/${gameId}/export?format=json`, { token: facilitatorToken })
    ).body;
    const verified = verifyRecord(record);
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.rulesVersion).toBe(4);
    expect(
      record.events.map((e: { type: string }) => e.type).filter((t: string) => ["ruling", "undo"].includes(t)),
    ).toEqual(["ruling", "undo", "undo"]);
    const csv = await fetch(`${server.url}/api/games/${gameId}/export?format=csv`, {
      headers: { authorization: `Bearer ${facilitatorToken}` },
    });
    const text = await csv.text();
    const rows = text.split("\r\n").filter((r) => /,(ruling|undo),/.test(r));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain("border=open");
    expect(rows[0]).toContain("impose border: The 1998 accord binds");
    expect(rows[1]).toContain("Border crossing: Open: The accord was repealed");
    expect(rows[2]).toContain("Storm damage: Ports reopened");

    if (process.env.FIXTURE_OUT && backend.name === "embedded") {
      // Finished first, so the frozen record scores an agreement.
      expect(await north.move({ type: "propose", terms: { border: "daytime" } })).toMatchObject({ ok: true });
      expect(await south.move({ type: "accept", proposalId: "p2" })).toMatchObject({ ok: true });
      await until(north, (v) => v.draft.version === 4);
      expect(await north.move({ type: "sign", draftVersion: 4 })).toMatchObject({ ok: true });
      expect(await south.move({ type: "sign", draftVersion: 4 })).toMatchObject({ ok: true });
      const done = await http(server.url, "GET", `/api/games/${gameId}/export?format=json`, {
        token: facilitatorToken,
      });
      writeFileSync(process.env.FIXTURE_OUT, `${JSON.stringify(done.body, null, 2)}\n`);
    }
  });
});
