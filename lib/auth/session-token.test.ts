import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "./session-token";

const secret = "session-token-test-secret-0123456789abcdef";
const salt = "authjs.session-token";
const claims = { sub: "42", sv: 3, name: "Dana" };

describe("decodeSessionToken (Auth.js's decode with its key derivation kept)", () => {
  it("reads what Auth.js encodes, as Auth.js's own decode does, again and again", async () => {
    const token = await encode({ token: claims, secret, salt });
    const ours = await decodeSessionToken({ token, secret, salt });
    expect(ours).toEqual(await decode({ token, secret, salt }));
    expect(ours).toMatchObject(claims);
    // A second call uses the kept key.
    expect(await decodeSessionToken({ token, secret, salt })).toEqual(ours);
  });

  it("finds the key among rotated secrets by the token's key id", async () => {
    const token = await encode({ token: claims, secret: "an-older-secret-0123456789abcdef0123", salt });
    expect(await decodeSessionToken({ token, secret: [secret, "an-older-secret-0123456789abcdef0123"], salt })).toMatchObject(claims);
  });

  it("refuses another secret, another cookie name, a changed byte, an expired token and no token", async () => {
    const token = await encode({ token: claims, secret, salt });
    await expect(decodeSessionToken({ token, secret: "another-secret-0123456789abcdef0123456", salt })).rejects.toThrow();
    // Each cookie name seals with its own key: a plain cookie's token is no __Secure- one.
    await expect(decodeSessionToken({ token, secret, salt: "__Secure-authjs.session-token" })).rejects.toThrow();
    const parts = token.split(".");
    const cipher = parts[3]!;
    parts[3] = (cipher[0] === "A" ? "B" : "A") + cipher.slice(1);
    await expect(decodeSessionToken({ token: parts.join("."), secret, salt })).rejects.toThrow();
    const expired = await encode({ token: claims, secret, salt, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret, salt })).rejects.toThrow();
    expect(await decodeSessionToken({ token: undefined, secret, salt })).toBeNull();
  });

  it("refuses a token whose header names an algorithm Auth.js does not use, and keeps nothing for it", async () => {
    const token = await encode({ token: claims, secret, salt });
    const header = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as Record<string, unknown>;
    const forged = [Buffer.from(JSON.stringify({ ...header, enc: "A128GCM" })).toString("base64url"), ...token.split(".").slice(1)].join(".");
    await expect(decodeSessionToken({ token: forged, secret, salt })).rejects.toThrow();
  });
});
