import { NextResponse, type NextFetchEvent, type NextProxy, type NextRequest } from "next/server";
import { auth } from "@/lib/auth/edge";
import { authSecret } from "@/lib/env";
import { normalizeReferralCode } from "@/lib/referral-code";
import { attributionCookieName, attributionCookieOptions, signAttribution, verifyAttribution } from "@/lib/referrals/attribution-cookie";
import { isHttpsRequest } from "@/lib/referrals/request-info";

// Private pages: only redirects the signed-out away (authConfig.callbacks.authorized);
// the real checks are in the data-access layer (requireUser / requireAdmin).
// Auth.js's `auth` is a proxy when called with (request, event), its documented
// `export { auth as proxy }` form, but its overloads only type the wrapper form.
const redirectSignedOut = auth as unknown as NextProxy;

/**
 * Referral attribution: the first referral link a browser opens is remembered
 * for 30 days. It is set here because a Server Component page cannot set
 * cookies, and this needs no extra request (a route handler would need a
 * redirect or a beacon, and a beacon needs JavaScript). The proxy stays free of
 * the database: it signs the code as given, if well-formed, and the pages
 * resolve it when they read it (an unknown or since-terminated code is ignored).
 */
function rememberReferrer(request: NextRequest): NextResponse {
  const segment = request.nextUrl.pathname.slice("/join/".length);
  if (segment.includes("/")) return NextResponse.next();
  const raw = decodeURIComponent(segment);
  const response = NextResponse.next();
  if (request.method !== "GET") return response;
  const secret = authSecret();
  // First referrer wins, unless the cookie held is not one we signed.
  if (verifyAttribution(request.cookies.get(attributionCookieName)?.value, secret)) return response;
  const code = raw.length <= 64 ? normalizeReferralCode(raw) : null;
  if (code === null) return response;
  response.cookies.set(
    attributionCookieName,
    signAttribution(code, secret),
    attributionCookieOptions(isHttpsRequest(request.headers, request.nextUrl.protocol)),
  );
  return response;
}

/** Whether a path's percent-encoding decodes ("/dashboard/orders/%ZZ" does not). */
function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  // Broken percent-encoding makes Next fail while decoding a route's params (a
  // 500, even after a rewrite to the same route). A referral path goes to the
  // one invalid-link page, by a code that can never exist; any other answers
  // the not-found page, by a path no route has.
  if (!decodes(pathname)) {
    return pathname.startsWith("/join/")
      ? NextResponse.redirect(new URL("/join/-", request.url), 307)
      : NextResponse.rewrite(new URL("/-/not-found", request.url));
  }
  // Referral pages are public: never send them through the sign-in redirect.
  if (pathname === "/join" || pathname === "/join/") return NextResponse.next();
  if (pathname.startsWith("/join/")) return rememberReferrer(request);
  return redirectSignedOut(request, event);
}

export const config = {
  // "/join/:path+" rather than "/join/:code": the latter skips paths whose
  // encoding does not decode, which are exactly the ones that need catching here.
  matcher: ["/dashboard/:path*", "/shop/:path*", "/admin/:path*", "/join/:path+"],
};
