import { and, asc, eq, gt, ne, sql } from "drizzle-orm";
import { REFERRAL_CODE_LOCK } from "@/db/advisory-locks";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { company, distributors, referralCodeAliases, referralCodeChanges, reservedReferralWords } from "@/db/schema";
import { normalizeReferralCode } from "@/lib/referral-code";
import { attributionIssuedAt, type Attribution } from "./attribution-cookie";
import { aliasActive, aliasGraceCutoff, changeAllowance, changeWindowStart, type ChangeAllowance } from "./code-policy";
import { isUniqueViolation } from "./errors";
import { findReservedWord, reservedRules, type ReservedKind, type ReservedRules } from "./reserved";

/** Who a referral code points to, for the server only (the id never leaves it). */
export interface SponsorRecord {
  distributorId: number;
  /** The distributor's current code: where an old code redirects to. */
  code: string;
  name: string;
}

export type ResolvedCode = { kind: "current"; sponsor: SponsorRecord } | { kind: "alias"; sponsor: SponsorRecord } | { kind: "invalid" };

/** The reserved words in force: the built-in ones, the company's name, and the admins' list. */
export async function loadReservedRules(db: Pick<Database, "select">): Promise<ReservedRules> {
  const [added, [named]] = await Promise.all([
    db.select({ word: reservedReferralWords.word, kind: reservedReferralWords.kind }).from(reservedReferralWords),
    db.select({ name: company.name }).from(company).limit(1),
  ]);
  return reservedRules({ companyName: named?.name ?? null, added: added as { word: string; kind: ReservedKind }[] });
}

// Matches no stored code: malformed input runs the same query as unknown input,
// so the two cannot be told apart by the work the server does.
const neverACode = "-";

interface Holder extends SponsorRecord {
  current: boolean;
  /** Since when the code has pointed to them; null: since before codes could change hands. */
  since: Date | null;
}

/**
 * Who a code points to at `now`: an active distributor whose current code it
 * is, else one who retired it less than ALIAS_GRACE_DAYS ago. Unknown,
 * malformed, over-long, expired codes and codes of terminated distributors are
 * all null, by one query. A current code wins over an alias of the same text.
 */
async function findHolder(db: Database, raw: string | null | undefined, now: Date): Promise<Holder | null> {
  const code = (typeof raw === "string" && raw.length <= 64 ? normalizeReferralCode(raw) : null) ?? neverACode;
  const [row] = await queryRows<{ id: number; code: string; name: string; current: boolean; since: Date | string | null }>(
    db,
    sql`select d.id, d.referral_code as code, u.name, c.current, c.since
          from (select d.id, true as current, d.referral_code_since as since
                  from distributors d
                 where lower(d.referral_code) = ${code}
                union all
                select a.distributor_id, false, a.held_since
                  from referral_code_aliases a
                 where lower(a.code) = ${code}
                   and a.retired_at > ${aliasGraceCutoff(now).toISOString()}::timestamptz) c
          join distributors d on d.id = c.id
          join users u on u.id = d.user_id
         where d.status = 'active'
         order by c.current desc
         limit 1`,
  );
  if (!row) return null;
  return { distributorId: Number(row.id), code: row.code, name: row.name, current: row.current, since: row.since === null ? null : new Date(row.since) };
}

/**
 * Resolves a code from a URL at `now`: its owner ("current"), the owner of a
 * code retired within the grace period ("alias": the page redirects to their
 * current code), or "invalid" for anything else (unknown, malformed, over-long,
 * retired longer ago than the grace period, a terminated distributor's).
 */
export async function resolveReferralCode(db: Database, raw: string | null | undefined, now: Date): Promise<ResolvedCode> {
  const holder = await findHolder(db, raw, now);
  if (!holder) return { kind: "invalid" };
  const sponsor = { distributorId: holder.distributorId, code: holder.code, name: holder.name };
  return holder.current ? { kind: "current", sponsor } : { kind: "alias", sponsor };
}

/**
 * The sponsor an attribution cookie names at `now`, or null to treat it as
 * absent: its code resolves as a URL's would, and the code must have pointed
 * to that distributor since before the cookie was set. So a retired code
 * someone else claimed after its grace period never inherits the cookies of
 * the old owner's visitors; and once the grace period is over, the cookies of
 * a retired code lapse with its links.
 */
export async function resolveAttribution(db: Database, attribution: Attribution, now: Date): Promise<SponsorRecord | null> {
  const holder = await findHolder(db, attribution.code, now);
  if (!holder) return null;
  if (holder.since !== null && holder.since.getTime() > attributionIssuedAt(attribution, now).getTime()) return null;
  return { distributorId: holder.distributorId, code: holder.code, name: holder.name };
}

/**
 * Serialises every transaction that claims or retires the same code (signups
 * generating one, owners changing theirs), because uniqueness spans two tables
 * (current codes and retired aliases) that no single index covers. Held to the
 * end of the transaction.
 */
export async function lockCode(tx: Pick<Database, "execute">, code: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${REFERRAL_CODE_LOCK}, hashtext(${code}))`);
}

/**
 * The same lock without waiting: false when another transaction is claiming
 * the code right now. Signups use it and move on to another candidate, so a
 * signup never waits on a code lock and so never joins a deadlock cycle.
 */
export async function tryLockCode(tx: Database, code: string): Promise<boolean> {
  const [row] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${REFERRAL_CODE_LOCK}, hashtext(${code})) as locked`);
  return row?.locked === true;
}

/**
 * Whether a generated code is unavailable: reserved, or retired by someone
 * within the grace period (current codes are checked by the unique index).
 */
export async function isCodeRetiredOrReserved(tx: Database, code: string, rules: ReservedRules, now: Date): Promise<boolean> {
  if (findReservedWord(code, rules) !== null) return true;
  const [alias] = await tx
    .select({ id: referralCodeAliases.distributorId })
    .from(referralCodeAliases)
    .where(and(eq(sql`lower(${referralCodeAliases.code})`, code), gt(referralCodeAliases.retiredAt, aliasGraceCutoff(now))))
    .limit(1);
  return alias !== undefined;
}

/** The times of a distributor's code changes inside the rolling window ending at `now`. */
async function changesInWindow(db: Pick<Database, "select">, distributorId: number, now: Date): Promise<Date[]> {
  const rows = await db
    .select({ at: referralCodeChanges.changedAt })
    .from(referralCodeChanges)
    .where(and(eq(referralCodeChanges.distributorId, distributorId), gt(referralCodeChanges.changedAt, changeWindowStart(now))))
    .orderBy(asc(referralCodeChanges.changedAt));
  return rows.map((r) => r.at);
}

/** How many code changes a distributor has left at `now`, and when the next one frees up. */
export async function codeChangeAllowance(db: Database, distributorId: number, now: Date): Promise<ChangeAllowance> {
  return changeAllowance(await changesInWindow(db, distributorId, now), now);
}

export type ChangeCodeResult =
  | { ok: true; code: string; changed: boolean; allowance: ChangeAllowance }
  | { ok: false; reason: "invalid" | "taken" | "not-found" }
  | { ok: false; reason: "reserved"; word: string }
  | { ok: false; reason: "limit"; nextChangeAt: Date };

/**
 * Changes a distributor's code at `now`, in one transaction:
 * - at most CODE_CHANGES_PER_WINDOW changes in any CODE_CHANGE_WINDOW_DAYS (every change is recorded);
 * - the new code may not use a reserved word (lib/referrals/reserved.ts); a
 *   current code that does stays (grandfathered), and keeping it is no change;
 * - the old code becomes an alias that redirects to the new one for
 *   ALIAS_GRACE_DAYS, and is nobody else's until then; the owner may take it
 *   back meanwhile. After that, anyone may take it (the stale alias row goes).
 */
export async function changeReferralCode(db: Database, distributorId: number, raw: string, now: Date): Promise<ChangeCodeResult> {
  const wanted = normalizeReferralCode(raw.slice(0, 64));
  if (wanted === null) return { ok: false, reason: "invalid" };
  try {
    return await db.transaction(async (tx) => {
      // The row lock orders concurrent changes by the same distributor (and so their count).
      const [me] = await tx
        .select({ code: distributors.referralCode, since: distributors.referralCodeSince })
        .from(distributors)
        .where(and(eq(distributors.id, distributorId), eq(distributors.status, "active")))
        .for("update");
      if (!me) return { ok: false, reason: "not-found" } as const;
      const changes = await changesInWindow(tx, distributorId, now);
      const allowance = changeAllowance(changes, now);
      if (me.code === wanted) return { ok: true, code: wanted, changed: false, allowance } as const;
      if (allowance.remaining === 0) return { ok: false, reason: "limit", nextChangeAt: allowance.nextChangeAt! } as const;

      // Both codes, in a fixed order, so two owners swapping codes cannot deadlock.
      for (const code of [me.code, wanted].sort()) await lockCode(tx, code);

      const word = findReservedWord(wanted, await loadReservedRules(tx));
      if (word !== null) return { ok: false, reason: "reserved", word } as const;
      const [holder] = await tx
        .select({ id: distributors.id })
        .from(distributors)
        .where(and(eq(sql`lower(${distributors.referralCode})`, wanted), ne(distributors.id, distributorId)))
        .limit(1);
      if (holder) return { ok: false, reason: "taken" } as const;
      const [alias] = await tx
        .select({ owner: referralCodeAliases.distributorId, retiredAt: referralCodeAliases.retiredAt, heldSince: referralCodeAliases.heldSince })
        .from(referralCodeAliases)
        .where(eq(sql`lower(${referralCodeAliases.code})`, wanted))
        .limit(1);
      const inGrace = alias !== undefined && aliasActive(alias.retiredAt, now);
      if (inGrace && alias.owner !== distributorId) return { ok: false, reason: "taken" } as const;
      // Taking back one's own retired code within its grace: it never pointed elsewhere, so it keeps its "since".
      const since = inGrace ? alias.heldSince : now;
      if (alias) await tx.delete(referralCodeAliases).where(eq(sql`lower(${referralCodeAliases.code})`, wanted));

      // An expired alias of someone else's may still carry the old code's text (a signup was given it): it goes.
      await tx.delete(referralCodeAliases).where(eq(sql`lower(${referralCodeAliases.code})`, me.code));
      await tx.insert(referralCodeAliases).values({ code: me.code, distributorId, retiredAt: now, heldSince: me.since });
      await tx.update(distributors).set({ referralCode: wanted, referralCodeSince: since }).where(eq(distributors.id, distributorId));
      await tx.insert(referralCodeChanges).values({ distributorId, fromCode: me.code, toCode: wanted, changedAt: now });
      return { ok: true, code: wanted, changed: true, allowance: changeAllowance([...changes, now], now) } as const;
    });
  } catch (error) {
    // Belt and braces: a writer that skipped the advisory lock still cannot create a duplicate.
    if (isUniqueViolation(error)) return { ok: false, reason: "taken" };
    throw error;
  }
}
