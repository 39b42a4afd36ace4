import { and, eq, ne, sql } from "drizzle-orm";
import { REFERRAL_CODE_LOCK } from "@/db/advisory-locks";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { distributors, referralCodeAliases } from "@/db/schema";
import { normalizeReferralCode } from "@/lib/referral-code";
import { isUniqueViolation } from "./errors";

/** Who a referral code points to, for the server only (the id never leaves it). */
export interface SponsorRecord {
  distributorId: number;
  /** The distributor's current code: where an old code redirects to. */
  code: string;
  name: string;
}

export type ResolvedCode = { kind: "current"; sponsor: SponsorRecord } | { kind: "alias"; sponsor: SponsorRecord } | { kind: "invalid" };

// Codes nobody may take, so a link cannot pass for the company's own.
const reservedCodes = new Set(["admin", "administrator", "company", "help", "join", "official", "root", "staff", "support", "team"]);

export function isReservedCode(code: string): boolean {
  return reservedCodes.has(code);
}

// Matches no stored code: malformed input runs the same query as unknown input,
// so the two cannot be told apart by the work the server does.
const neverACode = "-";

/**
 * Resolves a code from a URL or the attribution cookie. Unknown, malformed,
 * over-long codes and codes of terminated distributors are all "invalid", by
 * one query. A current code wins over a retired one (an alias) of the same text.
 */
export async function resolveReferralCode(db: Database, raw: string | null | undefined): Promise<ResolvedCode> {
  const code = (typeof raw === "string" && raw.length <= 64 ? normalizeReferralCode(raw) : null) ?? neverACode;
  const [row] = await queryRows<{ id: number; code: string; name: string; current: boolean }>(
    db,
    sql`select d.id, d.referral_code as code, u.name, lower(d.referral_code) = ${code} as current
          from distributors d
          join users u on u.id = d.user_id
         where d.status = 'active'
           and (lower(d.referral_code) = ${code}
                or d.id = (select a.distributor_id from referral_code_aliases a where lower(a.code) = ${code}))
         order by current desc
         limit 1`,
  );
  if (!row) return { kind: "invalid" };
  const sponsor = { distributorId: Number(row.id), code: row.code, name: row.name };
  return row.current ? { kind: "current", sponsor } : { kind: "alias", sponsor };
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

/** Whether a code is retired by someone (aliases stay reserved) or reserved; current codes are checked by the unique index. */
export async function isCodeRetiredOrReserved(tx: Database, code: string): Promise<boolean> {
  if (isReservedCode(code)) return true;
  const [alias] = await tx
    .select({ id: referralCodeAliases.distributorId })
    .from(referralCodeAliases)
    .where(eq(sql`lower(${referralCodeAliases.code})`, code))
    .limit(1);
  return alias !== undefined;
}

export type ChangeCodeResult = { ok: true; code: string; changed: boolean } | { ok: false; reason: "invalid" | "taken" | "not-found" };

/**
 * Changes a distributor's code in one transaction: the old code becomes an
 * alias (old links keep working), and a code retired by someone else stays
 * theirs. The owner may take back one of their own retired codes.
 */
export async function changeReferralCode(db: Database, distributorId: number, raw: string): Promise<ChangeCodeResult> {
  const wanted = normalizeReferralCode(raw.slice(0, 64));
  if (wanted === null) return { ok: false, reason: "invalid" };
  try {
    return await db.transaction(async (tx) => {
      // The row lock orders concurrent changes by the same distributor.
      const [me] = await tx
        .select({ code: distributors.referralCode })
        .from(distributors)
        .where(and(eq(distributors.id, distributorId), eq(distributors.status, "active")))
        .for("update");
      if (!me) return { ok: false, reason: "not-found" } as const;
      if (me.code === wanted) return { ok: true, code: wanted, changed: false } as const;
      // Both codes, in a fixed order, so two owners swapping codes cannot deadlock.
      for (const code of [me.code, wanted].sort()) await lockCode(tx, code);

      if (isReservedCode(wanted)) return { ok: false, reason: "taken" } as const;
      const [holder] = await tx
        .select({ id: distributors.id })
        .from(distributors)
        .where(and(eq(sql`lower(${distributors.referralCode})`, wanted), ne(distributors.id, distributorId)))
        .limit(1);
      if (holder) return { ok: false, reason: "taken" } as const;
      const [alias] = await tx
        .select({ owner: referralCodeAliases.distributorId })
        .from(referralCodeAliases)
        .where(eq(sql`lower(${referralCodeAliases.code})`, wanted))
        .limit(1);
      if (alias && alias.owner !== distributorId) return { ok: false, reason: "taken" } as const;
      if (alias) await tx.delete(referralCodeAliases).where(eq(sql`lower(${referralCodeAliases.code})`, wanted));

      await tx.insert(referralCodeAliases).values({ code: me.code, distributorId }).onConflictDoNothing();
      await tx.update(distributors).set({ referralCode: wanted }).where(eq(distributors.id, distributorId));
      return { ok: true, code: wanted, changed: true } as const;
    });
  } catch (error) {
    // Belt and braces: a writer that skipped the advisory lock still cannot create a duplicate.
    if (isUniqueViolation(error)) return { ok: false, reason: "taken" };
    throw error;
  }
}
