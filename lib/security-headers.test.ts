import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, nonceOf } from "./security-headers";

describe("nonceOf", () => {
  it("reads the nonce back from a page's policy", () => {
    const nonce = newNonce();
    expect(nonceOf(contentSecurityPolicy(nonce))).toBe(nonce);
  });

  it("is undefined without a policy, or with one that has no nonce", () => {
    expect(nonceOf(null)).toBeUndefined();
    expect(nonceOf("default-src 'self'")).toBeUndefined();
  });
});
