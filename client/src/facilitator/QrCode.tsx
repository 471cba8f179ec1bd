import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** A QR code of a link, drawn in this browser (the link never leaves it). */
export function QrCode({ text, alt, size = 168 }: { text: string; alt: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { margin: 1, width: size, errorCorrectionLevel: "M" }).then(
      (url) => live && setSrc(url),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [text, size]);
  if (!src) return <div className="fac-qr fac-qr-empty" style={{ width: size, height: size }} />;
  return <img className="fac-qr" src={src} alt={alt} width={size} height={size} />;
}
