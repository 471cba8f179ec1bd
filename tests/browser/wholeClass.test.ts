import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenarios/index";
import { connect, facilitatorKey, http, type SeatClient } from "../support/server";
import { freePort, type LanServer, lan, serve } from "./lanServer";
import { qrDraws } from "./qrPixels";
import { hasChromium, launch, newPage, shot } from "./support";

// Issue #11's class, end to end: a teacher makes three tables of the default scenario in one form
// (the 50-minute plan), on a server whose links carry PUBLIC_URL, the machine's network address.
// 27 seats join: four phones in a browser (by the QR code's link and by the code typed at /join),
// the other 23 as Socket.IO bots that join with their card's code. The class console starts all
// three, plays one deck card to all, extends, and calls last call; Table A and Table B sign in it
// (a browser click among the signatures of each), Table C runs out of time with no deal. Every
// page names its table, on the page and in the tab; screenshots of the console, the cards and the
// class results are kept. Nothing here waits on a duration: every step polls for a state.

const scenario = defaultScenario;
const CLASS = "Period 6";
const LABELS = ["Table A", "Table B", "Table C"];
const PLAN = scenario.timingPlans!.find((p) => p.id === "class-50")!;
const INJECT = "inj-market-slide";
const US = "us-president";
const CN = "cn-president";
// Generous bounds for a loaded two-core machine: a step takes seconds, the last call one real minute.
const STEP = 120_000;
const LAST_CALL_STEP = 300_000;
const roleTitle = (seat: string) => scenario.roles.find((r) => r.id === seat)!.title;

/** The seats played in a browser, and how each student got in; every other seat is a bot. */
const PAGES = [
  { table: 0, seat: US, by: "qr" },
  { table: 0, seat: CN, by: "typed" },
  { table: 1, seat: CN, by: "qr" },
  { table: 2, seat: US, by: "typed" },
] as const;

/**
 * The package each table agrees, dealt issue by issue between the roles whose portfolios hold
 * them (accept needs the acceptor's portfolio to cover the whole package). Table B trades tariffs
 * for less than the Nash package does, so the class results differ table by table.
 */
const NASH = {
  tariffs: "broadRollback",
  chips: "licenseDowngraded",
  rareEarths: "generalLicences",
  fentanyl: "verifiedCrackdown",
  tiktok: "jointVenture",
  purchases: "buy150bTwoYears",
  investment: "investmentFramework",
  taiwan: "opposesIndependence",
  framing: "partnership",
} as const;
const PACKAGES: Record<string, string>[] = [NASH, { ...NASH, tariffs: "cutFentanylTariff" }, NASH];
const TRADES = [
  { from: "us-treasury", to: "cn-vice-premier", issues: ["tariffs", "purchases", "investment"] },
  { from: "us-commerce", to: "cn-commerce", issues: ["chips", "rareEarths", "tiktok"] },
  { from: "us-nsa", to: "cn-foreign", issues: ["taiwan", "framing"] },
  { from: "us-nsa", to: "cn-security", issues: ["fentanyl"] },
];

/** A side's points for a package, before any inject: what the console shows for the draft. */
const worth = (side: string, terms: Record<string, string>) =>
  scenario.issues.reduce((n, i) => n + i.points[side]![i.options.findIndex((o) => o.id === terms[i.id])]!, 0);
const reservation = (side: string) => scenario.sides.find((s) => s.id === side)!.reservation;

/**
 * The cards (by index) with text outside their border (an element's box, or a line wider than its
 * box) or a code split over two lines.
 */
const overflowingCards = (page: Page) =>
  page.getByTestId("class-card").evaluateAll((cards) =>
    cards.flatMap((card, i) => {
      const edge = card.getBoundingClientRect();
      const out = [...card.querySelectorAll("*")].filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return false; // drawn nowhere (a <wbr>)
        return r.left < edge.left - 0.5 || r.right > edge.right + 0.5 || el.scrollWidth > el.clientWidth + 1;
      });
      // A code is typed from one line: split over two, a student misses its tail.
      const code = card.querySelector(".class-card-code");
      const range = document.createRange();
      if (code) range.selectNodeContents(code);
      if (code && range.getClientRects().length > 1) out.push(code);
      return out.length ? [`card ${i}: ${out.map((el) => el.className || el.tagName).join(", ")}`] : [];
    }),
  );

type Table = {
  gameId: string;
  label: string;
  facilitatorToken: string;
  joinCodes: Record<string, string>;
  observerCode: string;
};

describe.skipIf(!hasChromium || !lan)(
  "a whole class: three tables, 27 seats, one console, last call",
  { timeout: STEP },
  () => {
    let browser: Browser;
    let server: LanServer;
    let publicUrl = "";
    let teacher: Page;
    let classId = "";
    let tables: Table[] = [];
    const contexts: BrowserContext[] = [];
    const bots = new Map<string, SeatClient>();
    const seats = new Map<string, Page>();
    let projector: Page;
    const at = (table: number, seat: string) => `${table}/${seat}`;

    beforeAll(async () => {
      browser = await launch();
      const port = await freePort(lan!);
      publicUrl = `http://${lan}:${port}`;
      server = await serve({ PORT: String(port), PUBLIC_URL: publicUrl });
      const key = await facilitatorKey(server.local, "Ms Okafor");
      const made = await newPage(browser);
      contexts.push(made.context);
      teacher = made.page;
      await made.context.addInitScript((k) => localStorage.setItem("summitry.facilitatorKey", k), key);
    });
    afterAll(async () => {
      for (const bot of bots.values()) bot.close();
      for (const c of contexts) await c.close().catch(() => {});
      await browser?.close();
      await server?.stop();
    });

    const summaryOf = async (t: Table) => {
      const r = await http(server.local, "GET", `/api/games/${t.gameId}`, { token: t.facilitatorToken });
      expect(r.status).toBe(200);
      return r.body;
    };
    const eventsOf = async (t: Table): Promise<{ seq: number; type: string; actor: any; payload: any }[]> => {
      const r = await http(server.local, "GET", `/api/games/${t.gameId}/events`, { token: t.facilitatorToken });
      expect(r.status).toBe(200);
      return r.body;
    };
    /** A page of its own (a phone, a projector): its own browser context, so its own storage. */
    const device = async (width = 390, height = 844) => {
      const made = await newPage(browser, width, height);
      contexts.push(made.context);
      return made.page;
    };
    /** Every page of a table names it: on the page and first in the tab's title. */
    const expectLabelled = async (page: Page, label: string, title: string) => {
      await expect.poll(() => page.getByTestId("table-label").innerText(), { timeout: 20_000 }).toBe(label);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe(title);
    };
    const row = (t: Table) => teacher.getByTestId(`cc-row-${t.gameId}`);
    /** Clicks a class-console action and waits until every table's answer is shown. */
    const act = async (testId: string) => {
      const results = teacher.getByTestId("cc-results");
      const before = (await results.count()) ? Number(await results.getAttribute("data-run")) : 0;
      await teacher.getByTestId(testId).click();
      await expect
        .poll(async () => (await results.count()) && Number(await results.getAttribute("data-run")), {
          timeout: 30_000,
        })
        .toBe(before + 1);
      return results.locator("li").allInnerTexts();
    };
    const ALL_ACKNOWLEDGED = LABELS.map((l) => `${l}: acknowledged`);
    /** A leader's signature clicked in its seat page, confirmed in the dialog. */
    const signInPage = async (page: Page) => {
      await expect.poll(() => page.getByTestId("sign-button").isEnabled(), { timeout: 30_000 }).toBe(true);
      await page.getByTestId("sign-button").click();
      await page.getByTestId("confirm-button").click();
    };

    it("the dashboard's New class form makes three tables of the default scenario on the 50-minute plan, in one action", async () => {
      await teacher.goto(`${server.local}/facilitator`);
      await teacher.getByTestId("new-class-link").click();
      await teacher.waitForURL("**/facilitator/new-class");
      await expect.poll(() => teacher.getByTestId("class-scenario").inputValue()).toBe(scenario.id);
      await teacher.getByTestId("class-title").fill(CLASS);
      await teacher.getByTestId("class-tables").fill("3");
      for (const [i, label] of LABELS.entries())
        await expect.poll(() => teacher.getByTestId(`class-label-${i}`).inputValue()).toBe(label);
      await teacher.getByTestId("class-plan").selectOption(PLAN.id);
      for (const p of scenario.phases)
        expect(await teacher.getByTestId(`class-minutes-${p.id}`).inputValue()).toBe(String(PLAN.phaseMinutes[p.id]));
      await expect.poll(() => teacher.getByTestId("class-period").innerText()).toMatch(/^Period: 50 minutes \(/);
      await teacher.getByTestId("create-class").click();
      await teacher.waitForURL("**/facilitator/classes/*");
      classId = new URL(teacher.url()).pathname.split("/").at(-1)!;

      // The codes and tokens are told once, to the browser that made the class: read them there.
      tables = await teacher.evaluate(async (id) => {
        const key = localStorage.getItem("summitry.facilitatorKey");
        const r = await fetch(`/api/classes/${id}`, { headers: { authorization: `Bearer ${key}` } });
        const klass = (await r.json()) as { tables: { gameId: string; label: string }[] };
        return klass.tables.map((t) => ({
          gameId: t.gameId,
          label: t.label,
          facilitatorToken: JSON.parse(localStorage.getItem(`summitry.seat.${t.gameId}.facilitator`)!).token,
          ...JSON.parse(localStorage.getItem(`summitry.codes.${t.gameId}`)!),
        }));
      }, classId);
      expect(tables.map((t) => t.label)).toEqual(LABELS);
      for (const t of tables) {
        expect(Object.keys(t.joinCodes).sort()).toEqual(scenario.roles.map((r) => r.id).sort());
        const summary = await summaryOf(t);
        expect(summary).toMatchObject({ scenarioId: scenario.id, classId, label: t.label, status: "live" });
        expect(summary.rulesVersion).toBeGreaterThanOrEqual(3);
      }
    });

    it("prints 27 cards whose QR codes draw each seat's link at PUBLIC_URL, the network address", async () => {
      await teacher.goto(`${server.local}/facilitator/classes/${classId}/cards`);
      const cards = teacher.getByTestId("class-card");
      await expect.poll(() => cards.count()).toBe(27);
      await expect.poll(() => teacher.locator(".class-card img.fac-qr").count(), { timeout: 30_000 }).toBe(27);
      // Every card: its table, its code, and a QR code of that code's link at the students' address.
      const host = new URL(publicUrl).host;
      expect(host).not.toMatch(/^(127\.|localhost|\[::1\])/);
      for (let i = 0; i < 27; i++) {
        const card = cards.nth(i);
        const label = await card.getByTestId("class-card-table").textContent();
        const table = tables.find((t) => t.label === label?.trim())!;
        expect(table, `card ${i}'s table ${label}`).toBeDefined();
        const code = (await card.getByTestId("class-card-code").textContent())!.trim();
        const seat = Object.entries(table.joinCodes).find(([, c]) => c === code)?.[0];
        expect(seat, `card ${i}'s code is one of ${table.label}'s`).toBeDefined();
        expect(await card.locator("strong").first().textContent()).toBe(roleTitle(seat!));
        expect(await card.locator(".class-card-origin").textContent()).toBe(`${host}/join`);
        const src = (await card.locator("img.fac-qr").getAttribute("src"))!;
        const link = `${publicUrl}/join/${table.gameId}#${encodeURIComponent(code)}`;
        expect(await qrDraws(teacher, src, link, 120), `card ${i}'s QR code draws ${link}`).toBe(true);
        // Not any code: the same link at localhost draws other pixels.
        if (i === 0)
          expect(await qrDraws(teacher, src, link.replace(host, `127.0.0.1:${server.port}`), 120)).toBe(false);
      }
      // Cut along the dashed lines, a card keeps all it says: nothing runs past its edge, on the
      // screen or printed on A4 (three cards a row).
      expect(await overflowingCards(teacher), "cards whose text runs past their edge").toEqual([]);
      await shot(teacher, "whole-class-cards");
      await teacher.setViewportSize({ width: 794, height: 1123 });
      await teacher.emulateMedia({ media: "print" });
      expect(await overflowingCards(teacher), "printed cards whose text runs past their edge").toEqual([]);
      await shot(teacher, "whole-class-cards-print");
      await teacher.emulateMedia({ media: "screen" });
      await teacher.setViewportSize({ width: 1280, height: 900 });

      // One table's handout names that table, on the page and in the tab.
      const b = tables[1]!;
      await teacher.goto(`${server.local}/facilitator/classes/${classId}/cards?table=${b.gameId}`);
      await expect.poll(() => cards.count()).toBe(9);
      expect(new Set((await teacher.getByTestId("class-card-table").allTextContents()).map((s) => s.trim()))).toEqual(
        new Set([b.label]),
      );
      await expect.poll(() => teacher.locator("h1").innerText()).toContain(b.label);
      await expect.poll(() => teacher.title()).toBe(`${b.label} · Cards — Summitry`);
      await shot(teacher, "whole-class-cards-table-b");
    });

    it("27 seats join: four phones by QR link and by typed code at the network address, 23 bots by code", async () => {
      for (const { table, seat, by } of PAGES) {
        const t = tables[table]!;
        const code = t.joinCodes[seat]!;
        const phone = await device();
        if (by === "qr") {
          // What the phone's camera opens: the QR code's link (checked against the card above).
          await phone.goto(`${publicUrl}/join/${t.gameId}#${encodeURIComponent(code)}`);
        } else {
          // The card's code typed at the address the card prints, in lower case with a space.
          await phone.goto(`${publicUrl}/join`);
          await phone.getByLabel("Join code").fill(code.toLowerCase().replace("-", " "));
        }
        await phone.getByLabel("Your name").fill(`${t.label} ${seat}`);
        await phone.getByRole("button", { name: "Join" }).click();
        await phone.waitForURL(`${publicUrl}/play/${t.gameId}/${seat}`, { timeout: 30_000 });
        await expectLabelled(phone, t.label, `${t.label} · ${CLASS} · ${roleTitle(seat)} — Summitry`);
        seats.set(at(table, seat), phone);
      }
      for (const [i, t] of tables.entries()) {
        for (const seat of Object.keys(t.joinCodes)) {
          if (seats.has(at(i, seat))) continue;
          const r = await http(server.local, "POST", `/api/games/${t.gameId}/join`, {
            body: { code: t.joinCodes[seat], name: `Bot ${seat}` },
          });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          bots.set(at(i, seat), await connect(server.local, r.body.token));
        }
      }
      expect(seats.size + bots.size).toBe(27);
      for (const t of tables) expect((await summaryOf(t)).seats.every((s: { joined: boolean }) => s.joined)).toBe(true);
      // The timing plan reached the game: each phase's minutes are the 50-minute plan's.
      for (const [i] of tables.entries()) {
        const phases = bots.get(at(i, "us-treasury"))!.view.scenario.phases as { id: string; minutes: number }[];
        expect(Object.fromEntries(phases.map((p) => [p.id, p.minutes]))).toEqual(PLAN.phaseMinutes);
      }

      // The projector of Table C, joined with its observer code.
      const c = tables[2]!;
      projector = await device(1366, 768);
      await projector.goto(`${server.local}/join/${c.gameId}#${encodeURIComponent(c.observerCode)}`);
      await projector.getByLabel("Your name").fill("Projector");
      await projector.getByRole("button", { name: "Join" }).click();
      await projector.waitForURL(`**/screen/${c.gameId}`);
      await expectLabelled(projector, c.label, `${c.label} · ${CLASS} · Projector — Summitry`);
    });

    it("the class console shows every table by its label, all nine seats of each connected, and starts all three", async () => {
      await teacher.goto(`${server.local}/facilitator/classes/${classId}/console`);
      await expect.poll(() => teacher.getByTestId("cc-label").allInnerTexts()).toEqual(LABELS);
      await expect.poll(() => teacher.title()).toBe(`${CLASS} · Class console — Summitry`);
      for (const t of tables) {
        await expect.poll(() => row(t).getByTestId("cc-status").innerText(), { timeout: 30_000 }).toBe("not started");
        await expect
          .poll(() => row(t).getByTestId("cc-connected").innerText(), { timeout: 30_000 })
          .toBe("9 of 9 seats");
      }
      expect(await act("cc-start")).toEqual(ALL_ACKNOWLEDGED);
      for (const t of tables) await expect.poll(() => row(t).getByTestId("cc-status").innerText()).toBe("");
      // On to the summit, where every role acts and the leaders may sign (GAME.md).
      for (const t of tables) {
        for (let i = 0; i < 2; i++) {
          const r = await http(server.local, "POST", `/api/games/${t.gameId}/moves`, {
            token: t.facilitatorToken,
            body: { type: "advancePhase" },
          });
          expect(r.body).toMatchObject({ ok: true });
        }
      }
      const summit = scenario.phases.find((p) => p.id === "summit")!.title;
      for (const t of tables)
        await expect.poll(() => row(t).getByTestId("cc-phase").innerText(), { timeout: 20_000 }).toContain(summit);
    });

    it("each table's bots agree a draft worth signing, issue by issue, and the console shows its worth against the walk-aways", async () => {
      for (const [i, t] of tables.entries()) {
        const terms = PACKAGES[i]!;
        for (const [k, trade] of TRADES.entries()) {
          const deal = Object.fromEntries(trade.issues.map((issue) => [issue, terms[issue]!]));
          const proposed = await bots.get(at(i, trade.from))!.move({ type: "propose", terms: deal });
          expect(proposed, `${t.label}: ${trade.from} proposes`).toMatchObject({ ok: true });
          // Proposal ids count the game's proposals: only these bots propose here.
          const accepted = await bots.get(at(i, trade.to))!.move({ type: "accept", proposalId: `p${k + 1}` });
          expect(accepted, `${t.label}: ${trade.to} accepts`).toMatchObject({ ok: true });
        }
      }
      for (const [i, t] of tables.entries()) {
        const [w, b] = [worth("washington", PACKAGES[i]!), worth("beijing", PACKAGES[i]!)];
        expect(w).toBeGreaterThan(reservation("washington"));
        expect(b).toBeGreaterThan(reservation("beijing"));
        await expect
          .poll(() => row(t).getByTestId("cc-worth").innerText(), { timeout: 20_000 })
          .toContain(
            `Washington ${w} (walk-away ${reservation("washington")}) · Beijing ${b} (walk-away ${reservation("beijing")})`,
          );
        await expect.poll(() => row(t).getByTestId("cc-alert-unsigned").count()).toBe(1);
      }
    });

    it("plays one deck card to all three and extends all three, each once", async () => {
      await expect.poll(() => teacher.getByTestId("cc-inject-card").locator("option").count()).toBeGreaterThan(1);
      await teacher.getByTestId("cc-inject-card").selectOption(INJECT);
      expect(await act("cc-inject")).toEqual(ALL_ACKNOWLEDGED);
      await teacher.getByTestId("cc-extend-minutes").fill("2");
      expect(await act("cc-extend")).toEqual(ALL_ACKNOWLEDGED);
      for (const t of tables) {
        const events = await eventsOf(t);
        expect(events.filter((e) => e.type === "inject").map((e) => e.payload.injectId)).toEqual([INJECT]);
        expect(events.filter((e) => e.type === "extend").map((e) => e.payload.minutes)).toEqual([2]);
        // The card lowers Washington's walk-away by 2: every table's console counts with it.
        await expect
          .poll(() => row(t).getByTestId("cc-worth").innerText(), { timeout: 20_000 })
          .toContain(`(walk-away ${reservation("washington") - 2})`);
      }
    });

    it("calls last call at all three; Table A and Table B sign in it, Table C runs out with no deal", {
      timeout: LAST_CALL_STEP,
    }, async () => {
      const [a, b, c] = tables as [Table, Table, Table];
      // One signature stands at each table before the bell: clicked in Table A's and Table C's
      // Washington seats and in Table B's Beijing seat.
      await signInPage(seats.get(at(0, US))!);
      await signInPage(seats.get(at(1, CN))!);
      await signInPage(seats.get(at(2, US))!);
      await expect.poll(() => row(a).getByTestId("cc-signed").innerText(), { timeout: 20_000 }).toBe("Washington");
      await expect.poll(() => row(b).getByTestId("cc-signed").innerText(), { timeout: 20_000 }).toBe("Beijing");
      await expect.poll(() => row(c).getByTestId("cc-signed").innerText(), { timeout: 20_000 }).toBe("Washington");

      await teacher.getByTestId("cc-last-call-minutes").fill("1");
      await teacher.getByTestId("cc-last-call").click();
      expect(await act("cc-last-call-confirm")).toEqual(ALL_ACKNOWLEDGED);
      // The second signatures, in the last call: Table A's in a browser, Table B's by its bot.
      await signInPage(seats.get(at(0, CN))!);
      const usB = bots.get(at(1, US))!;
      await expect.poll(() => usB.view?.draft.version).toBe(TRADES.length);
      expect(await usB.move({ type: "sign", draftVersion: TRADES.length })).toMatchObject({ ok: true });

      // The server's record: A and B signed their packages; C ended when the last call ran out.
      for (const [i, t] of [a, b].entries()) {
        await expect.poll(async () => (await summaryOf(t)).outcome?.reason, { timeout: 30_000 }).toBe("signed");
        const summary = await summaryOf(t);
        expect(summary.outcome).toMatchObject({ agreement: true, terms: PACKAGES[i] });
        const events = await eventsOf(t);
        const called = events.find((e) => e.type === "lastCall")!;
        expect(called.payload).toEqual({ minutes: 1 });
        const signs = events.filter((e) => e.type === "sign");
        expect(signs).toHaveLength(2);
        // One signature before the last call, the other in it.
        expect(signs.filter((e) => e.seq > called.seq)).toHaveLength(1);
      }
      // Table C: one real minute, then the end, with Washington's signature alone.
      await expect.poll(async () => (await summaryOf(c)).status, { timeout: 180_000, interval: 2_000 }).toBe("over");
      const endC = (await summaryOf(c)).outcome;
      expect(endC).toMatchObject({ agreement: false, reason: "deadline" });
      const eventsC = await eventsOf(c);
      expect(eventsC.filter((e) => e.type === "sign").map((e) => e.actor)).toEqual([{ seat: US }]);
      expect(eventsC.at(-1)!.type).toBe("deadline");
      // With no deal each side scores its walk-away (Washington's lowered by the card).
      expect(endC.scores.sides).toEqual({ washington: reservation("washington") - 2, beijing: reservation("beijing") });

      // The class console says how each table ended.
      await expect
        .poll(() => row(a).getByTestId("cc-status").innerText(), { timeout: 20_000 })
        .toBe("over: agreement signed");
      await expect
        .poll(() => row(b).getByTestId("cc-status").innerText(), { timeout: 20_000 })
        .toBe("over: agreement signed");
      await expect
        .poll(() => row(c).getByTestId("cc-status").innerText(), { timeout: 20_000 })
        .toBe("over: no agreement");
      await shot(teacher, "whole-class-console");
      // Every seat page and the projector show the end, still under their table's name.
      for (const [key, page] of [...seats.entries(), ["2/projector", projector] as const]) {
        await expect.poll(() => page.getByTestId("outcome").count(), { timeout: 30_000 }).toBe(1);
        const table = tables[Number(key.split("/")[0])]!;
        expect(await page.getByTestId("table-label").innerText()).toBe(table.label);
        expect(await page.title()).toMatch(new RegExp(`^${table.label} · ${CLASS} · `));
      }
    });

    it("projects the class results: two agreements and one table without, each under its label", async () => {
      await teacher.goto(`${server.local}/facilitator/cohort/${scenario.id}?class=${classId}&view=results`);
      const [a, b, c] = tables as [Table, Table, Table];
      // The whole page is polled, so a failure prints what the teacher saw instead.
      await expect
        .poll(() => teacher.locator("main").innerText(), { timeout: 60_000 })
        .toMatch(/3 tables finished, 2 with an agreement/);
      for (const [t, outcome] of [
        [a, "Agreement"],
        [b, "Agreement"],
        [c, "No agreement"],
      ] as const) {
        const item = teacher.getByTestId(`cohort-result-${t.gameId}`);
        await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1);
        const text = await item.innerText();
        expect(text).toContain(t.label);
        expect(text.split("\n").map((s) => s.trim())).toContain(outcome);
      }
      await shot(teacher, "whole-class-results");
    });
  },
);
