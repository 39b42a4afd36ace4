import QRCode from "qrcode";

// Medium error correction survives a smudged phone screen or a folded print-out;
// dark emerald on white keeps the contrast scanners need.
const options = { errorCorrectionLevel: "M", margin: 2, color: { dark: "#064e3bff", light: "#ffffffff" } } as const;

/** The QR code of a URL as an SVG document. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...options, type: "svg" });
}

/** The QR code of a URL as a PNG, big enough to print. */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...options, type: "png", width: 1024 });
}

/** An <img src> for the inline QR code: no script, nothing injected into the page. */
export async function qrSvgDataUrl(url: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(url)).toString("base64")}`;
}
