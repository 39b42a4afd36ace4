// Sign-in throttling (the security review: 80 wrong passwords for one account in
// 7 s were all answered, and the right one accepted right after).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { clearSignInFailures, lockMs, recordSignInFailure, signInKeys, signInLockedUntil, waitText } from "./throttle";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
});

const at = (iso: string) => new Date(iso);
const minutes = (from: Date, to: Date | null) => (to === null ? 0 : (to.getTime() - from.getTime()) / 60_000);

describe("lockMs", () => {
  it("allows the free failures, then locks for 1, 2, 4 ... minutes, at most an hour", () => {
    const rule = { free: 5, firstLockMs: 60_000, maxLockMs: 3_600_000 };
    expect([1, 5, 6, 7, 8, 12, 40, 1000].map((n) => lockMs(rule, n) / 60_000)).toEqual([0, 0, 1, 2, 4, 60, 60, 60]);
  });
});

describe("sign-in throttling", () => {
  it("locks an account after five failures, longer after each further one, whatever the address", async () => {
    const now = at("2026-11-15T12:00:00Z");
    for (let i = 0; i < 5; i++) {
      expect(await signInLockedUntil(t.db, signInKeys("Victim@Example.test", `198.51.100.${i}`), now)).toBeNull();
      await recordSignInFailure(t.db, signInKeys("victim@example.test", `198.51.100.${i}`), now);
    }
    // The sixth attempt, from yet another address, with the email spelled differently.
    const keys = signInKeys(" VICTIM@example.test", "198.51.100.99");
    expect(await signInLockedUntil(t.db, keys, now)).toBeNull();
    await recordSignInFailure(t.db, keys, now);
    const first = await signInLockedUntil(t.db, keys, now);
    expect(minutes(now, first)).toBe(1);
    expect(waitText(first!, now)).toBe("1 minute");
    // Still refused 59 s later; once the lock is over, one more failure locks for 2 minutes.
    expect(await signInLockedUntil(t.db, keys, at("2026-11-15T12:00:59Z"))).not.toBeNull();
    const later = at("2026-11-15T12:01:00Z");
    expect(await signInLockedUntil(t.db, keys, later)).toBeNull();
    await recordSignInFailure(t.db, keys, later);
    expect(minutes(later, await signInLockedUntil(t.db, keys, later))).toBe(2);
  });

  it("answers an unknown account exactly as a known one (the key is the email as typed)", async () => {
    const now = at("2026-11-15T13:00:00Z");
    for (let i = 0; i < 6; i++) await recordSignInFailure(t.db, signInKeys("nobody-at-all@example.test", `203.0.113.${i}`), now);
    expect(minutes(now, await signInLockedUntil(t.db, signInKeys("nobody-at-all@example.test", "203.0.113.200"), now))).toBe(1);
  });

  it("locks a client address after twenty failures across accounts, and only that address", async () => {
    const now = at("2026-11-15T14:00:00Z");
    for (let i = 0; i < 21; i++) await recordSignInFailure(t.db, signInKeys(`spray-${i}@example.test`, "192.0.2.7"), now);
    expect(await signInLockedUntil(t.db, signInKeys("fresh@example.test", "192.0.2.7"), now)).not.toBeNull();
    expect(await signInLockedUntil(t.db, signInKeys("fresh@example.test", "192.0.2.8"), now)).toBeNull();
  });

  it("a success clears its account's failures; failures a day old are forgotten", async () => {
    const now = at("2026-11-16T12:00:00Z");
    const keys = signInKeys("forgetful@example.test", "192.0.2.50");
    for (let i = 0; i < 5; i++) await recordSignInFailure(t.db, keys, now);
    await clearSignInFailures(t.db, keys);
    await recordSignInFailure(t.db, keys, now);
    expect(await signInLockedUntil(t.db, keys, now)).toBeNull();
    const other = signInKeys("slow@example.test", "192.0.2.51");
    for (let i = 0; i < 5; i++) await recordSignInFailure(t.db, other, now);
    const nextDay = at("2026-11-17T12:00:01Z");
    await recordSignInFailure(t.db, other, nextDay);
    expect(await signInLockedUntil(t.db, other, nextDay)).toBeNull();
  });
});
