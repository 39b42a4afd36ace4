/**
 * Which session cookie counts, as Auth.js decides it: over https (the scheme
 * Next puts in X-Forwarded-Proto, from the socket or a trusted proxy) only the
 * "__Secure-" one, which a plain-http page or a sibling domain cannot plant;
 * over http the plain one, unless a "__Secure-" one is present (only https can
 * have set it). Cookie names are matched, never values.
 */
export function secureSessionCookie(forwardedProto: string | null, cookieHeader: string): boolean {
  if (forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  return /(?:^|;\s*)__Secure-authjs\.session-token(?:\.\d+)?=/.test(cookieHeader);
}
