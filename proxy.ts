import { NextResponse, type NextFetchEvent, type NextProxy, type NextRequest } from "next/server";
import { auth } from "@/lib/auth/edge";
import { readSessionToken } from "@/lib/auth/session-token";
import { now } from "@/lib/clock";
import { authSecret, env } from "@/lib/env";
import { requestIsHttps } from "@/lib/http/request";
import { normalizeReferralCode } from "@/lib/referral-code";
import { attributionCookieName, attributionCookieOptions, signAttribution, verifyAttribution } from "@/lib/referrals/attribution-cookie";
import { contentSecurityPolicy, emailFramePath, newNonce, strictTransportSecurity } from "@/lib/security-headers";

// The proxy only redirects and sets headers: every page and action checks the
// session itself in the data-access layer (requireUser / requireAdmin).

const privatePrefixes = ["/dashboard", "/shop", "/admin"];

/** The request headers a page renders with (Next puts the policy's nonce on its scripts), and the policy. */
function withPolicy(request: NextRequest): { headers: Headers; policy: string } {
  const policy = contentSecurityPolicy(newNonce(), {
    development: env.nodeEnv === "development",
    https: requestIsHttps(request.headers),
    stripe: env.stripe !== undefined,
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  return { headers, policy };
}

/** The response with the page's policy, and HSTS over https. */
function secured(response: NextResponse | Response, request: NextRequest, policy: string): NextResponse | Response {
  response.headers.set("Content-Security-Policy", policy);
  if (requestIsHttps(request.headers)) response.headers.set("Strict-Transport-Security", strictTransportSecurity);
  return response;
}

/**
 * Referral attribution: the first referral link a browser opens is remembered
 * for 30 days. It is set here because a Server Component page cannot set
 * cookies, and this needs no extra request (a route handler would need a
 * redirect or a beacon, and a beacon needs JavaScript). The proxy stays free of
 * the database: it signs the code as given, if well-formed, with the time, and
 * the pages resolve it when they read it (an unknown or since-terminated code
 * is ignored, and so is a code claimed by its owner after the cookie was set).
 */
function rememberReferrer(request: NextRequest, response: NextResponse): NextResponse {
  const segment = request.nextUrl.pathname.slice("/join/".length);
  if (segment.includes("/") || request.method !== "GET") return response;
  const raw = decodeURIComponent(segment);
  const secret = authSecret();
  // First referrer wins, unless the cookie held is not one we signed.
  if (verifyAttribution(request.cookies.get(attributionCookieName)?.value, secret)) return response;
  const code = raw.length <= 64 ? normalizeReferralCode(raw) : null;
  if (code === null) return response;
  response.cookies.set(attributionCookieName, signAttribution(code, now(), secret), attributionCookieOptions(requestIsHttps(request.headers)));
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

/** How old a session token may be before the proxy has Auth.js renew it (sliding its 7-day expiry). */
const RENEW_AFTER_SECONDS = 60 * 60;

/**
 * A session token that decrypts, has not expired and was issued within the
 * last hour: the page may go on without Auth.js. Auth.js's proxy form mints a
 * renewed cookie on every request, which cost as much CPU as a small page;
 * renewing at most hourly keeps sessions sliding for anyone active. Anything
 * else (no cookie, a bad or old token) goes through Auth.js as before.
 */
async function sessionIsFresh(request: NextRequest): Promise<boolean> {
  const token = await readSessionToken(request.headers.get("cookie") ?? "", request.headers.get("x-forwarded-proto"));
  const issuedAt = typeof token?.iat === "number" ? token.iat : null;
  if (!token?.sub || issuedAt === null) return false;
  // The app's clock, read at this edge. Under a demo clock (LINEAGE_CLOCK_START) the age of a token Auth.js
  // stamped from the machine's clock comes out wrong, and such a request simply takes Auth.js's path.
  const age = now().getTime() / 1000 - issuedAt;
  return age >= 0 && age < RENEW_AFTER_SECONDS;
}

/** A signed-in request to a private page goes on, with the page's policy. */
function privatePageResponse(request: NextRequest): NextResponse | Response {
  const { headers, policy } = withPolicy(request);
  // A stored email's HTML carries its own, stricter policy, one that lets the outbox page frame it.
  if (emailFramePath.test(request.nextUrl.pathname)) {
    const response = NextResponse.next();
    if (requestIsHttps(request.headers)) response.headers.set("Strict-Transport-Security", strictTransportSecurity);
    return response;
  }
  return secured(NextResponse.next({ request: { headers } }), request, policy);
}

// Private pages send the signed-out to sign in (Auth.js reads the session; the
// handler decides). With a lazily built configuration (lib/auth/edge.ts), Auth.js's
// wrapper form gives a promise of the proxy, and its types do not say so: hence
// the cast, and the await below.
const privatePage = auth((request) => {
  if (!request.auth?.user) {
    const { policy } = withPolicy(request);
    const signIn = request.nextUrl.clone();
    signIn.pathname = "/sign-in";
    signIn.search = "";
    signIn.searchParams.set("callbackUrl", request.nextUrl.href);
    return secured(NextResponse.redirect(signIn), request, policy);
  }
  return privatePageResponse(request);
}) as unknown as Promise<NextProxy>;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
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
  if (privatePrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) {
    if (await sessionIsFresh(request)) return privatePageResponse(request);
    return (await privatePage)(request, event);
  }
  const { headers, policy } = withPolicy(request);
  const response = NextResponse.next({ request: { headers } });
  if (pathname.startsWith("/join/")) rememberReferrer(request, response);
  return secured(response, request, policy);
}

export const config = {
  // Every page (the policy), but not Next's static files, images or the API's
  // route handlers. "/join/:path+"-like paths whose encoding does not decode
  // are matched too, and caught above.
  matcher: ["/((?!_next/static|_next/image|api/|favicon.ico).*)"],
};
