import type { Page } from "playwright-core";
import QRCode from "qrcode";

/** Whether two PNG data URLs draw the same pixels (the browser's PNG bytes need not be Node's). */
export function samePixels(page: Page, a: string, b: string): Promise<boolean> {
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

/**
 * Whether a QR image on the page (its `src`) encodes this link: the same pixels as the link drawn
 * here with the client's QrCode settings at that width. Comparing pixels, not decoding: a code of
 * another link, even one character longer, draws other pixels.
 */
export async function qrDraws(page: Page, src: string, link: string, width: number): Promise<boolean> {
  const drawn = await QRCode.toDataURL(link, { margin: 1, width, errorCorrectionLevel: "M" });
  return samePixels(page, src, drawn);
}
