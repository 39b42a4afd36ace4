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

// The dashboard shows its owner's QR code on every visit, and encoding one costs
// about as much CPU as the rest of the panel: the last few hundred are kept. A
// URL's code never changes, so nothing here can go stale.
const svgDataUrls = new Map<string, Promise<string>>();
const SVG_DATA_URLS_KEPT = 500;

/** An <img src> for the inline QR code: no script, nothing injected into the page. */
export function qrSvgDataUrl(url: string): Promise<string> {
  const kept = svgDataUrls.get(url);
  if (kept) return kept;
  const made = qrSvg(url).then((svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`);
  made.catch(() => svgDataUrls.delete(url));
  svgDataUrls.set(url, made);
  if (svgDataUrls.size > SVG_DATA_URLS_KEPT) svgDataUrls.delete(svgDataUrls.keys().next().value!);
  return made;
}
