import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("uses argon2id with at least 19 MiB and 2 passes", async () => {
    const hash = await hashPassword("correct horse battery staple");
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(match![2])).toBeGreaterThanOrEqual(2);
  });

  it("verifies the right password only, and treats a malformed hash as a failure", async () => {
    const hash = await hashPassword("s3cret-enough");
    expect(await verifyPassword(hash, "s3cret-enough")).toBe(true);
    expect(await verifyPassword(hash, "S3cret-enough")).toBe(false);
    expect(await verifyPassword("not-a-hash", "s3cret-enough")).toBe(false);
  });
});
