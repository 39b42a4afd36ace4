import { describe, expect, it } from "vitest";
import { signManageToken, verifyManageToken } from "./manage-token";

const secret = "a-test-secret-of-enough-length-0123456789";

describe("autoship manage token", () => {
  it("names the subscription and version it was signed for", () => {
    const token = signManageToken(secret, 42, 3);
    expect(verifyManageToken(secret, token)).toEqual({ subscriptionId: 42, version: 3 });
  });

  it("refuses a token altered in any part, or signed with another secret", () => {
    const token = signManageToken(secret, 42, 3);
    const [id, version, signature] = token.split(".");
    expect(verifyManageToken(secret, `43.${version}.${signature}`)).toBeNull();
    expect(verifyManageToken(secret, `${id}.4.${signature}`)).toBeNull();
    const flipped = signature!.startsWith("A") ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
    expect(verifyManageToken(secret, `${id}.${version}.${flipped}`)).toBeNull();
    expect(verifyManageToken("another-secret-of-enough-length-987654321", token)).toBeNull();
  });

  it("refuses malformed tokens without throwing", () => {
    for (const bad of ["", "x", "1.1", "0.1.abc", "1.0." + "a".repeat(43), "1.1." + "a".repeat(42), "1.1." + "a".repeat(44), "-1.1." + "a".repeat(43)]) {
      expect(verifyManageToken(secret, bad)).toBeNull();
    }
  });
});
