import { hkdf } from "@panva/hkdf";
import { base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";
import { getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { authSecret } from "@/lib/env";
import { secureSessionCookie } from "./cookie-scheme";

// Auth.js's own decode (@auth/core/jwt), with one change: the key it derives
// from the secret (HKDF) and that key's thumbprint (the token's `kid`) are
// computed once per secret, cookie name and algorithm instead of on every call.
// The proxy and every page decode the session token, and those two
// derivations were most of the cost. Decryption, the algorithms allowed and the
// expiry check (15 s of tolerance) are Auth.js's.

const KEY_LENGTH: Record<string, number> = { "A256CBC-HS512": 64, A256GCM: 32 };

interface DerivedKey {
  key: Uint8Array;
  thumbprint: string;
}

/** At most (algorithms x cookie names x secrets) entries: an unknown algorithm is refused before anything is kept. */
const derivedKeys = new Map<string, Promise<DerivedKey>>();

async function derive(enc: string, secret: string, salt: string, length: number): Promise<DerivedKey> {
  const key = await hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length);
  const thumbprint = await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${key.byteLength << 3}` as "sha512" | "sha256");
  return { key, thumbprint };
}

function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = Object.hasOwn(KEY_LENGTH, enc) ? KEY_LENGTH[enc] : undefined;
  if (length === undefined) return Promise.reject(new Error("Unsupported JWT Content Encryption Algorithm"));
  const id = JSON.stringify([enc, salt, secret]);
  let entry = derivedKeys.get(id);
  if (entry === undefined) {
    entry = derive(enc, secret, salt, length);
    derivedKeys.set(id, entry);
    entry.catch(() => derivedKeys.delete(id));
  }
  return entry;
}

/** A drop-in for Auth.js's JWT `decode`: the token's claims, or a thrown error for a token that does not decrypt or has expired. */
export async function decodeSessionToken({ token, secret, salt }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const secrets = Array.isArray(secret) ? secret : [secret];
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const s of secrets) {
        const { key, thumbprint } = await derivedKey(enc, s, salt);
        if (kid === undefined || kid === thumbprint) return key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"] },
  );
  return payload as JWT;
}

/**
 * The session token a request carries (only its Cookie header: getToken would
 * also take an Authorization bearer, which this app never issues), decrypted
 * and checked for expiry; null when absent or invalid. The cookie name follows
 * the scheme as Auth.js names it (lib/auth/cookie-scheme.ts).
 */
export async function readSessionToken(cookie: string, forwardedProto: string | null): Promise<JWT | null> {
  const secureCookie = secureSessionCookie(forwardedProto, cookie);
  return getToken({ req: { headers: { cookie } }, secret: authSecret(), secureCookie, decode: decodeSessionToken });
}
