import { getViewer } from "@/lib/auth/session";
import { absoluteJoinUrl, getMyReferralCode } from "@/lib/data/referrals";
import { qrPng, qrSvg } from "@/lib/referrals/qr";

/**
 * The viewer's own referral QR code as a download (?format=png|svg). The code is
 * always the session's distributor's, never one from the query, so this cannot
 * render anyone else's link.
 */
export async function GET(request: Request): Promise<Response> {
  const format = new URL(request.url).searchParams.get("format") ?? "png";
  if (format !== "png" && format !== "svg") return new Response("Unknown format: use png or svg.", { status: 400 });
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in to download your QR code.", { status: 401 });
  const code = await getMyReferralCode();
  if (code === null) return new Response("Only distributors have a referral link.", { status: 404 });

  const url = await absoluteJoinUrl(code);
  const headers = {
    "Content-Disposition": `attachment; filename="referral-${code}.${format}"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "svg") return new Response(await qrSvg(url), { headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" } });
  return new Response(new Uint8Array(await qrPng(url)), { headers: { ...headers, "Content-Type": "image/png" } });
}
