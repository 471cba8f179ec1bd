import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioValidated, uploadChecked, uploaded } from "../../shared/contract/index";
import { defaultScenario, tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { facilitatorKey, http, type Running, startServer } from "../support/server";

// POST /api/scenarios/validate (the scenario lab's check): every error and warning with its path,
// the analytics preview, nothing stored; and the upload refusing a playability error while
// answering a warning beside its 201.

describe.each(backends)("validating a scenario over HTTP ($name)", (backend) => {
  let server: Running;
  let key = "";
  const validate = (body: unknown, token = key) => http(server.url, "POST", "/api/scenarios/validate", { token, body });
  const listed = async () =>
    (await http(server.url, "GET", "/api/scenarios", { token: key })).body.map((s: { id: string }) => s.id);
  const lab = (changes: (doc: typeof tinyScenario) => void = () => {}) => {
    const doc = { ...structuredClone(tinyScenario), id: "lab-check" };
    changes(doc);
    return doc;
  };

  beforeAll(async () => {
    server = await startServer((await backend.fresh()).db);
    key = await facilitatorKey(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await server?.ctx.db.close();
  });

  it("answers a valid scenario with no problem and its preview, and stores nothing", async () => {
    const r = await validate(lab());
    expect(r.status).toBe(200);
    const body = scenarioValidated.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.problems).toEqual([]);
    // The tiny scenario: 2 of its 18 packages beat both walk-aways; its storm card halves that.
    expect(body.preview!.zone).toEqual({ packages: 2, share: 2 / 18 });
    expect(body.preview!.totalPackages).toBe(18);
    expect(body.preview!.injects.find((i) => i.id === "inj-storm")).toMatchObject({
      when: "deck",
      before: { packages: 2 },
      after: { packages: 1 },
    });
    expect(await listed()).not.toContain("lab-check");
  });

  it("lists structural errors with their paths and ids, without a preview", async () => {
    const doc = lab((d) => {
      Reflect.deleteProperty(d.roles[3]!, "optional");
      (d.issues[0] as { noDeal: string }).noDeal = "nothing";
    });
    const body = scenarioValidated.parse((await validate(doc)).body);
    expect(body.ok).toBe(false);
    expect(body.preview).toBeUndefined();
    expect(body.problems).toEqual(
      expect.arrayContaining([
        {
          path: "$.roles[3].optional",
          message: 'role "s-lead" is missing required field "optional" (true or false)',
          severity: "error",
        },
        expect.objectContaining({ path: "$.issues[0].noDeal", severity: "error" }),
      ]),
    );
  });

  it("lists playability errors and warnings beside the preview", async () => {
    const doc = lab((d) => {
      d.sides[0]!.reservation = 100; // nothing beats north's walk-away
      d.backchannels[0]!.members = ["n-fish", "n-lead"]; // two roles of north
      (d.phases[1]!.acting as string[]).push("n-aide"); // nothing of its own in round1
    });
    const body = scenarioValidated.parse((await validate(doc)).body);
    expect(body.ok).toBe(false);
    expect(body.preview!.zone.packages).toBe(0);
    const at = Object.fromEntries(body.problems.map((p) => [p.path, p]));
    expect(at.$).toMatchObject({ severity: "error", message: expect.stringMatching(/zone of agreement is empty/) });
    expect(at["$.backchannels[0].members"]).toMatchObject({
      severity: "error",
      message: expect.stringContaining('backchannel "bc-fish" joins "n-fish" and "n-lead"'),
    });
    expect(at["$.phases[1].acting[2]"]).toMatchObject({
      severity: "warning",
      message: expect.stringContaining('role "n-aide" acts in phase "round1"'),
    });
  });

  it("says a built-in scenario's id would be refused on publishing", async () => {
    const body = scenarioValidated.parse((await validate(defaultScenario)).body);
    expect(body.ok).toBe(false);
    expect(body.problems).toEqual([
      {
        path: "$.id",
        message: '"great-rebalancing" is a built-in scenario\'s id; choose another id',
        severity: "error",
      },
    ]);
    expect(body.preview!.nash!.scores).toEqual({ washington: 77, beijing: 84 });
  });

  it("is for a facilitator key, and the body is bounded like an upload's", async () => {
    expect((await validate(lab(), "")).status).toBe(401);
    expect((await validate(lab(), "not-a-key")).status).toBe(401);
    const huge = lab((d) => {
      d.background = "x".repeat(300 * 1024);
    });
    const tooLarge = await validate(huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe("too_large");
    const notJson = await http(server.url, "POST", "/api/scenarios/validate", { token: key, raw: "{ nope" });
    expect(notJson.status).toBe(400);
  });

  it("upload: a playability error refuses it with every problem; warnings come back with the 201", async () => {
    const unsignable = lab((d) => {
      d.phases[2]!.moves = d.phases[2]!.moves.filter((m) => m !== "sign");
    });
    const refused = await http(server.url, "POST", "/api/scenarios", { token: key, body: unsignable });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_scenario");
    expect(refused.body.error.details.problems).toContainEqual(
      expect.objectContaining({ path: "$.phases", severity: "error", message: expect.stringMatching(/signing/) }),
    );
    expect(await listed()).not.toContain("lab-check");

    const wide = lab((d) => {
      d.sides[0]!.reservation = -1;
      d.sides[1]!.reservation = -1;
    });
    const checked = await http(server.url, "POST", "/api/scenarios?dryRun=true", { token: key, body: wide });
    expect(checked.status).toBe(200);
    const dry = uploadChecked.parse(checked.body);
    // 100% of packages beat both walk-aways, before the injects and after each that shifts one.
    expect(dry.warnings).toContainEqual(expect.objectContaining({ path: "$", severity: "warning" }));
    expect(dry.warnings.every((w) => w.severity === "warning")).toBe(true);
    expect(await listed()).not.toContain("lab-check");

    const stored = await http(server.url, "POST", "/api/scenarios", { token: key, body: wide });
    expect(stored.status).toBe(201);
    expect(uploaded.parse(stored.body)).toEqual({ id: "lab-check", version: 1, warnings: dry.warnings });
    expect(await listed()).toContain("lab-check");
  });
});
