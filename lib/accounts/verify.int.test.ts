// Email verification end to end: the signup's email goes over real SMTP, the
// test reads the link out of the message and follows it.
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountTokens, auditLog, distributors, emails, notifications, pendingEnrolments, users } from "@/db/schema";
import { runDueJobs } from "@/lib/jobs/worker";
import { deliverEmail } from "@/lib/mail/deliver";
import { DELIVER_EMAIL } from "@/lib/mail/queue";
import { smtpTransport } from "@/lib/mail/transport";
import { distributorByEmail, seedTestTree, type TestTree } from "@/lib/referrals/fixtures.test-helper";
import { signUpDistributor, type SignUpRequest } from "@/lib/referrals/sign-up";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { startSmtpServer, type TestSmtpServer } from "@/tests/smtp";
import { expireUnverifiedSignups, resendVerificationLink, verifyEmailWithToken, verifySignupByAdmin } from "./verify";

let t: TestDatabase;
let tree: TestTree;
let smtp: TestSmtpServer;
let received = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  tree = await seedTestTree(t.db);
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await t?.destroy();
});

const at = new Date("2026-11-15T12:00:00Z");
const hours = (n: number) => new Date(at.getTime() + n * 3_600_000);
const fakeHash = { hashPassword: async (p: string) => `hashed:${p.length}` };
let ip = 0;

function request(email: string, linkCode: string | null = "ana-sponsor", now = at): SignUpRequest {
  return {
    ip: `198.51.100.${++ip}`,
    linkCode,
    cookie: null,
    form: { name: "Vera Verify", email, password: "a-long-enough-password", country: "GB", agreement: "on" },
    now,
  };
}

/** Delivers and waits for exactly `n` new messages. */
async function deliverN(n: number, now: Date) {
  await runDueJobs(t.db, { [DELIVER_EMAIL]: (ctx) => deliverEmail(ctx, smtpTransport(smtp.url)) }, now);
  const all = await smtp.waitFor(received + n);
  const fresh = all.slice(received);
  received = all.length;
  return fresh;
}

function tokenFrom(text: string | undefined): string {
  const match = /\/verify-email\?token=([A-Za-z0-9_-]{43})/.exec(text ?? "");
  if (!match) throw new Error(`no verification link in: ${text}`);
  return match[1]!;
}

async function userId(email: string): Promise<number | undefined> {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id;
}

async function sponsorsTeam(sponsorId: number) {
  const rows = await t.db
    .select({ name: users.name })
    .from(distributors)
    .innerJoin(users, eq(users.id, distributors.userId))
    .where(eq(distributors.sponsorId, sponsorId));
  return rows.map((r) => r.name);
}

describe("email verification", () => {
  it("queues one verification email; the member joins the sponsor's team only after following its link, which works once", async () => {
    expect(await signUpDistributor(t.db, request("vera@example.test"), fakeHash)).toEqual({ ok: true, email: "vera@example.test" });
    const id = (await userId("vera@example.test"))!;
    const queued = await t.db.select({ template: emails.template }).from(emails).where(eq(emails.userId, id));
    expect(queued).toEqual([{ template: "verify_email" }]);
    expect(await t.db.select().from(pendingEnrolments).where(eq(pendingEnrolments.userId, id))).toMatchObject([
      { sponsorId: tree.sponsor, enrolledVia: "link", country: "GB" },
    ]);
    // Unverified: in no one's team.
    expect(await sponsorsTeam(tree.sponsor)).not.toContain("Vera Verify");

    const [mail] = await deliverN(1, at);
    expect(mail!.subject).toMatch(/^Confirm your email/);
    expect(mail!.to).toMatchObject({ text: "vera@example.test" });
    expect(mail!.text).toContain("Ana Sponsor");
    const token = tokenFrom(mail!.text);
    expect(mail!.html).toContain(`/verify-email?token=${token}`);

    const outcome = await verifyEmailWithToken(t.db, token, hours(1));
    expect(outcome).toMatchObject({ ok: true, verified: { sponsorName: "Ana Sponsor" } });
    expect(await sponsorsTeam(tree.sponsor)).toContain("Vera Verify");
    expect(await distributorByEmail(t.db, "vera@example.test")).toMatchObject({ sponsorId: tree.sponsor, enrolledVia: "link", country: "GB", depth: 2 });
    const [user] = await t.db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, id));
    expect(user!.verifiedAt?.toISOString()).toBe(hours(1).toISOString());
    expect(await t.db.select().from(pendingEnrolments).where(eq(pendingEnrolments.userId, id))).toEqual([]);

    // Once only.
    expect(await verifyEmailWithToken(t.db, token, hours(2))).toEqual({ ok: false, reason: "invalid" });
    expect(await t.db.select({ n: count() }).from(distributors).where(eq(distributors.userId, id))).toEqual([{ n: 1 }]);
  });

  it("tells the sponsor at once (in the portal and by email) and the generation above in the digest", async () => {
    const [joined] = await t.db
      .select({ id: distributors.id })
      .from(distributors)
      .innerJoin(users, eq(users.id, distributors.userId))
      .where(eq(users.email, "vera@example.test"));
    const rows = await t.db
      .select({ userId: notifications.userId, kind: notifications.kind, eventKey: notifications.eventKey, digestDueAt: notifications.digestDueAt })
      .from(notifications)
      .where(eq(notifications.eventKey, `join:${joined!.id}`));
    const sponsorUser = (await userId("ana-sponsor@referrals.test"))!;
    const rootUser = (await userId("house@referrals.test"))!;
    expect(rows).toEqual(
      expect.arrayContaining([
        { userId: sponsorUser, kind: "team_join", eventKey: `join:${joined!.id}`, digestDueAt: null },
        { userId: rootUser, kind: "team_join_deep", eventKey: `join:${joined!.id}`, digestDueAt: hours(1) },
      ]),
    );
    expect(rows).toHaveLength(2);
    const [mail] = await deliverN(1, hours(1));
    expect(mail!.to).toMatchObject({ text: "ana-sponsor@referrals.test" });
    expect(mail!.subject).toBe("Vera Verify joined your team");
  });

  it("refuses an expired link, and a resent link replaces the older one", async () => {
    await signUpDistributor(t.db, request("late@example.test"), fakeHash);
    const [first] = await deliverN(1, at);
    const expired = tokenFrom(first!.text);
    expect(await verifyEmailWithToken(t.db, expired, hours(49))).toEqual({ ok: false, reason: "invalid" });

    const id = (await userId("late@example.test"))!;
    expect(await resendVerificationLink(t.db, id, hours(49))).toEqual({ ok: true });
    // Once a minute at most.
    expect(await resendVerificationLink(t.db, id, hours(49))).toEqual({ ok: false, reason: "rate-limited" });
    const [second] = await deliverN(1, hours(49));
    const fresh = tokenFrom(second!.text);
    expect(fresh).not.toBe(expired);
    expect(await verifyEmailWithToken(t.db, fresh, hours(50))).toMatchObject({ ok: true });
    expect(await resendVerificationLink(t.db, id, hours(51))).toEqual({ ok: false, reason: "not-pending" });
  });

  it("answers a taken email the same way, creates nothing, and emails its owner that someone tried", async () => {
    const before = await t.db.select({ n: count() }).from(users);
    expect(await signUpDistributor(t.db, request("Vera@Example.test", "otto-other"), fakeHash)).toEqual({ ok: true, email: "vera@example.test" });
    expect(await t.db.select({ n: count() }).from(users)).toEqual(before);
    const [mail] = await deliverN(1, at);
    expect(mail!.to).toMatchObject({ text: "vera@example.test" });
    expect(mail!.subject).toMatch(/^Someone tried to join/);
    expect(mail!.text).toContain("/sign-in");
    expect(mail!.text).not.toMatch(/verify-email/);
  });

  it("places the member under the root when the sponsor was terminated before the link was followed", async () => {
    await signUpDistributor(t.db, request("orphan@example.test", "otto-other"), fakeHash);
    const [mail] = await deliverN(1, at);
    await t.db.update(distributors).set({ status: "terminated" }).where(eq(distributors.id, tree.other));
    try {
      expect(await verifyEmailWithToken(t.db, tokenFrom(mail!.text), hours(1))).toMatchObject({ ok: true, verified: { sponsorName: "House Account" } });
      expect(await distributorByEmail(t.db, "orphan@example.test")).toMatchObject({ sponsorId: tree.root, enrolledVia: "direct" });
    } finally {
      await t.db.update(distributors).set({ status: "active" }).where(eq(distributors.id, tree.other));
    }
    expect((await deliverN(1, hours(1)))[0]!.subject).toBe("Vera Verify joined your team");
  });

  it("lets an admin verify by hand, audit-logged, and the link then stops working", async () => {
    await signUpDistributor(t.db, request("byhand@example.test"), fakeHash);
    const [mail] = await deliverN(1, at);
    const id = (await userId("byhand@example.test"))!;
    const admin = (await userId("house@referrals.test"))!;
    const verified = await verifySignupByAdmin(t.db, { userId: id, actorUserId: admin, at: hours(2) });
    expect(verified).toMatchObject({ userId: id, sponsorName: "Ana Sponsor" });
    expect(await distributorByEmail(t.db, "byhand@example.test")).toMatchObject({ sponsorId: tree.sponsor });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "distributor.verify_email"), eq(auditLog.entityId, String(verified!.distributorId))));
    expect(entry).toMatchObject({ actorUserId: admin, entity: "distributor" });
    expect(await verifyEmailWithToken(t.db, tokenFrom(mail!.text), hours(3))).toEqual({ ok: false, reason: "invalid" });
    // A second verification finds nothing pending.
    expect(await verifySignupByAdmin(t.db, { userId: id, actorUserId: admin, at: hours(3) })).toBeNull();
    expect((await deliverN(1, hours(2)))[0]!.to).toMatchObject({ text: "ana-sponsor@referrals.test" });
  });

  it("deletes signups left unverified past their window, with their tokens, keeping their emails without a user", async () => {
    await signUpDistributor(t.db, request("ghost@example.test"), fakeHash);
    const id = (await userId("ghost@example.test"))!;
    const [pending] = await t.db.select({ expiresAt: pendingEnrolments.expiresAt }).from(pendingEnrolments).where(eq(pendingEnrolments.userId, id));
    expect(pending!.expiresAt.toISOString()).toBe(new Date(at.getTime() + 7 * 86_400_000).toISOString());

    expect(await expireUnverifiedSignups(t.db, new Date(pending!.expiresAt.getTime() - 1))).toBe(0);
    expect(await expireUnverifiedSignups(t.db, pending!.expiresAt)).toBe(1);
    expect(await userId("ghost@example.test")).toBeUndefined();
    expect(await t.db.select().from(accountTokens).where(eq(accountTokens.userId, id))).toEqual([]);
    const kept = await t.db.select({ userId: emails.userId }).from(emails).where(eq(emails.toAddress, "ghost@example.test"));
    expect(kept).toEqual([{ userId: null }]);
    // Verified members are never touched, and the address is free again.
    expect(await userId("vera@example.test")).toBeDefined();
    expect(await signUpDistributor(t.db, request("ghost@example.test", "ana-sponsor", pending!.expiresAt), fakeHash)).toEqual({
      ok: true,
      email: "ghost@example.test",
    });
    expect(
      await t.db
        .select({ n: count() })
        .from(users)
        .where(sql`lower(${users.email}) = 'ghost@example.test'`),
    ).toEqual([{ n: 1 }]);
  });
});
