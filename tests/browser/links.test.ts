import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facilitatorKey, http, TEST_OPERATOR_KEY } from "../support/server";
import { freePort, type LanServer, lan, serve } from "./lanServer";
import { qrDraws } from "./qrPixels";
import { hasChromium, launch, newPage, shot } from "./support";

// Links that reach the students (issue #11): the set-up page builds every join link and QR code
// from the address students use (PUBLIC_URL, else a LAN address the facilitator picks), never from
// its own localhost, says so plainly, and a phone that opens the QR code's link joins its seat.

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

describe.skipIf(!hasChromium || !lan)("links and QR codes that reach the students", () => {
  let browser: Browser;
  let withUrl: LanServer;
  let plain: LanServer;
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
    expect(await qrDraws(page, src!, expected, 128)).toBe(true);
    // And not any QR code: another seat's link draws other pixels.
    expect(await qrDraws(page, src!, `${expected}X`, 128)).toBe(false);
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
