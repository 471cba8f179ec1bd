import { createServer } from "node:net";
import { networkInterfaces } from "node:os";
import type { Browser, Page } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp } from "../../server/app";
import { loadConfig } from "../../server/config";
import { backends } from "../support/backends";
import { facilitatorKey, http, TEST_OPERATOR_KEY } from "../support/server";
import { hasChromium, launch, newPage, shot } from "./support";

// Links that reach the students (issue #11): the set-up page builds every join link and QR code
// from the address students use (PUBLIC_URL, else a LAN address the facilitator picks), never from
// its own localhost, says so plainly, and a phone that opens the QR code's link joins its seat.

/** A non-loopback IPv4 address of this machine: what a student's phone would reach. */
const lan = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

/** A port free on that address, to write PUBLIC_URL before the server starts. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A server on every address, as `npm start` runs, with the built client. */
async function serve(env: Record<string, string>) {
  const fresh = await backends[0]!.fresh();
  const port = Number(env.PORT);
  const config = loadConfig({
    HOST: "0.0.0.0",
    LOG_LEVEL: "warn",
    OPERATOR_KEY: TEST_OPERATOR_KEY,
    CLIENT_DIR: inject("clientDir"),
    ...env,
  });
  const built = await buildApp(config, fresh.db, { logStream: { write: () => {} } });
  await built.app.listen({ port, host: "0.0.0.0" });
  return {
    port,
    local: `http://127.0.0.1:${port}`,
    stop: async () => {
      await built.app.close();
      await fresh.db.close();
      await fresh.drop();
    },
  };
}

type Game = { gameId: string; joinCodes: Record<string, string>; observerCode: string };

/** The set-up page of a game made over HTTP, in a browser that holds the key and the game's codes. */
async function setupPage(browser: Browser, at: string, key: string, game: Game): Promise<Page> {
  const { page, context } = await newPage(browser);
  await context.addInitScript(
    ([k, id, codes]) => {
      localStorage.setItem("summitry.facilitatorKey", k!);
      localStorage.setItem(`summitry.codes.${id}`, codes!);
    },
    [key, game.gameId, JSON.stringify({ joinCodes: game.joinCodes, observerCode: game.observerCode })],
  );
  await page.goto(`${at}/facilitator/games/${game.gameId}`);
  return page;
}

/** Whether two PNG data URLs draw the same pixels (the browser's PNG bytes need not be Node's). */
function samePixels(page: Page, a: string, b: string): Promise<boolean> {
  return page.evaluate(
    async ([x, y]) => {
      const draw = async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = img.width;
        canvas.height = img.height;
        const g = canvas.getContext("2d")!;
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, img.width, img.height).data;
      };
      const [p, q] = [await draw(x!), await draw(y!)];
      return p.length > 0 && p.length === q.length && p.every((v, i) => v === q[i]);
    },
    [a, b],
  );
}

describe.skipIf(!hasChromium || !lan)("links and QR codes that reach the students", () => {
  let browser: Browser;
  let withUrl: Awaited<ReturnType<typeof serve>>;
  let plain: Awaited<ReturnType<typeof serve>>;
  let publicUrl = "";

  beforeAll(async () => {
    browser = await launch();
    const port = await freePort(lan!);
    publicUrl = `http://${lan}:${port}`;
    withUrl = await serve({ PORT: String(port), PUBLIC_URL: publicUrl });
    plain = await serve({ PORT: String(await freePort(lan!)) });
  });
  afterAll(async () => {
    await browser?.close();
    await withUrl?.stop();
    await plain?.stop();
  });

  const newGame = async (base: string, key: string): Promise<Game> =>
    (await http(base, "POST", "/api/games", { token: key, body: { scenarioId: "great-rebalancing" } })).body;

  it("with PUBLIC_URL: a set-up page on localhost warns, and its links and QR codes use PUBLIC_URL; a phone joins by the QR's link", async () => {
    const key = await facilitatorKey(withUrl.local);
    const game = await newGame(withUrl.local, key);
    const page = await setupPage(browser, withUrl.local, key, game);
    await expect.poll(() => page.getByTestId("student-origin").innerText()).toContain(publicUrl);
    const warning = await page.getByTestId("localhost-warning").innerText();
    expect(warning).toMatch(/127\.0\.0\.1.*phone/);

    const seat = "us-president";
    const link = page.getByTestId(`seat-link-${seat}`);
    const expected = `${publicUrl}/join/${game.gameId}#${encodeURIComponent(game.joinCodes[seat]!)}`;
    await expect.poll(() => link.inputValue()).toBe(expected);
    expect(await page.getByTestId("observer-link").inputValue()).toMatch(new RegExp(`^${publicUrl}/join/`));
    expect(await page.getByTestId("type-code-at").innerText()).toContain(`${publicUrl}/join`);

    // The QR code on the seat's card draws that same link: the same pixels as the link drawn here.
    const card = page.locator("article").filter({ has: link });
    const src = await card.locator("img.fac-qr").getAttribute("src");
    const drawn = await QRCode.toDataURL(expected, { margin: 1, width: 128, errorCorrectionLevel: "M" });
    expect(await samePixels(page, src!, drawn)).toBe(true);
    // And not any QR code: another seat's link draws other pixels.
    const other = await QRCode.toDataURL(`${expected}X`, { margin: 1, width: 128, errorCorrectionLevel: "M" });
    expect(await samePixels(page, src!, other)).toBe(false);
    await shot(page, "setup-public-url");

    // The printed sheets carry the same address.
    await page.goto(`${withUrl.local}/facilitator/games/${game.gameId}/sheets`);
    await expect.poll(() => page.getByTestId(`sheet-${seat}`).innerText()).toContain(`${publicUrl}/join/`);

    // A phone: another browser, at the link's own address (the machine's LAN address, not loopback).
    const phone = await newPage(browser, 390, 844);
    await phone.page.goto(expected);
    await phone.page.getByLabel("Your name").fill("Ana");
    await phone.page.getByRole("button", { name: "Join" }).click();
    await phone.page.waitForURL(`${publicUrl}/play/${game.gameId}/${seat}`);
    await expect.poll(() => phone.page.locator("body").innerText()).toContain("Ana");
    await expect
      .poll(
        async () =>
          (await http(withUrl.local, "GET", `/api/games/${game.gameId}`, { token: key })).body.seats.find(
            (s: { id: string }) => s.id === seat,
          ).joined,
      )
      .toBe(true);
    await phone.context.close();
    await page.context().close();
  });

  it("without PUBLIC_URL: the LAN address is offered and used, a page already on it does not warn, and a code typed at /join joins", async () => {
    const key = await facilitatorKey(plain.local);
    const game = await newGame(plain.local, key);
    const lanOrigin = `http://${lan}:${plain.port}`;
    const onLocal = await setupPage(browser, plain.local, key, game);
    const choice = onLocal.getByTestId("student-origin-choice");
    await expect.poll(() => choice.inputValue()).toBe(lanOrigin);
    const offered = await choice.locator("option").allInnerTexts();
    expect(offered.some((o) => /127\.0\.0\.1|localhost|\[::1\]/.test(o))).toBe(false);
    expect(await onLocal.getByTestId("localhost-warning").count()).toBe(1);
    await expect
      .poll(() => onLocal.getByTestId("seat-link-cn-president").inputValue())
      .toMatch(new RegExp(`^${lanOrigin}/join/${game.gameId}#`));
    await onLocal.context().close();

    const onLan = await setupPage(browser, lanOrigin, key, game);
    await expect.poll(() => onLan.getByTestId("student-origin-choice").inputValue()).toBe(lanOrigin);
    expect(await onLan.getByTestId("localhost-warning").count()).toBe(0);
    await onLan.context().close();

    // A student with the card but no QR: the code typed in lower case with a space, at /join.
    const seat = "cn-president";
    const typed = game.joinCodes[seat]!.toLowerCase().replace("-", " ");
    const phone = await newPage(browser, 390, 844);
    await phone.page.goto(`${lanOrigin}/join`);
    await phone.page.getByLabel("Join code").fill(typed);
    await phone.page.getByLabel("Your name").fill("Bo");
    await phone.page.getByRole("button", { name: "Join" }).click();
    await phone.page.waitForURL(`${lanOrigin}/play/${game.gameId}/${seat}`);
    await shot(phone.page, "joined-by-typed-code");
    await phone.context.close();
  });

  it("an operator's invite link made on localhost uses PUBLIC_URL too, and opens there", async () => {
    const { page, context } = await newPage(browser);
    await context.addInitScript((k) => localStorage.setItem("summitry.facilitatorKey", k), TEST_OPERATOR_KEY);
    await page.goto(`${withUrl.local}/facilitator`);
    await page.getByTestId("invite-name").fill("Ms Lee");
    await page.getByTestId("create-invite").click();
    const invite = await page.getByTestId("invite-link").inputValue();
    expect(invite).toMatch(new RegExp(`^${publicUrl}/facilitator/invite#`));
    const other = await newPage(browser);
    await other.page.goto(invite);
    await expect.poll(() => other.page.locator("body").innerText()).toMatch(/invite/i);
    await other.context.close();
    await context.close();
  });
});
