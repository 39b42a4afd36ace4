import "server-only";
import { headers } from "next/headers";
import { readSessionToken } from "./session-token";

export interface CurrentSession {
  user: { id: string; sv: number | null };
}

/**
 * The session cookie's token, decrypted and checked for expiry, as the user id
 * and session version it was issued with; null when signed out. Only decoded:
 * Auth.js's auth() would also mint a renewed cookie on every call, which a page
 * cannot set (proxy.ts renews it), at about as much CPU again. The cookie name
 * follows the scheme as Auth.js names it ("__Secure-" over https); each name
 * seals its token with a key derived from that name, so neither can stand in
 * for the other. lib/auth/session.ts checks the rest against the database.
 */
export async function currentSession(): Promise<CurrentSession | null> {
  const requestHeaders = await headers();
  const token = await readSessionToken(requestHeaders.get("cookie") ?? "", requestHeaders.get("x-forwarded-proto"));
  if (!token?.sub) return null;
  return { user: { id: token.sub, sv: typeof token.sv === "number" ? token.sv : null } };
}
