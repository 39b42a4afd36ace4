import { asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { distributors, referralCodeChanges, reservedReferralWords, users } from "@/db/schema";
import type { Executor } from "@/lib/ledger/db";
import { builtInWord, type ReservedKind } from "@/lib/referrals/reserved";
import { recordAudit } from "./audit";
import { AdminError } from "./errors";

// The admins' own reserved words for referral codes (/admin/referrals), on top
// of the built-in ones and the company's name (lib/referrals/reserved.ts).
// Adding a word never touches an existing code: codes that already use it stay
// (grandfathered); only new choices and generated codes avoid it. Audited.

export interface ReservedWordRow {
  word: string;
  kind: ReservedKind;
  addedAt: Date;
  addedBy: string | null;
}

/** The admins' words, alphabetically, with who added them. */
export async function listReservedWords(db: Executor): Promise<ReservedWordRow[]> {
  const rows = await db
    .select({ word: reservedReferralWords.word, kind: reservedReferralWords.kind, addedAt: reservedReferralWords.addedAt, addedBy: users.name })
    .from(reservedReferralWords)
    .leftJoin(users, eq(users.id, reservedReferralWords.addedBy))
    .orderBy(asc(reservedReferralWords.word));
  return rows.map((r) => ({ ...r, kind: r.kind as ReservedKind }));
}

/** How many current codes already use `word` under its kind's rule: they stay, grandfathered. */
export async function countCodesUsing(db: Pick<Database, "execute">, word: string, kind: ReservedKind): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    kind === "brand"
      ? sql`select count(*)::int as n from distributors where strpos(replace(referral_code, '-', ''), ${word}) > 0`
      : sql`select count(*)::int as n from distributors where strpos('-' || referral_code || '-', ${`-${word}-`}) > 0`,
  );
  return row?.n ?? 0;
}

/** Reserves a word for everyone; the number of current codes that already use it (they keep it). */
export async function addReservedWord(db: Database, actorUserId: number, word: string, kind: ReservedKind): Promise<{ grandfathered: number }> {
  if (kind === "word" && builtInWord(word)) throw new AdminError(`“${word}” is reserved already: it is one of the built-in words.`, "word");
  return db.transaction(async (tx) => {
    const [added] = await tx.insert(reservedReferralWords).values({ word, kind, addedBy: actorUserId }).onConflictDoNothing().returning();
    if (!added) throw new AdminError(`“${word}” is on the list already.`, "word");
    await recordAudit(tx, { actorUserId, action: "referral.reserve_word", entity: "reserved_word", entityId: word, after: { word, kind } });
    return { grandfathered: await countCodesUsing(tx, word, kind) };
  });
}

/** Frees a word the admins reserved: new codes may use it again. */
export async function removeReservedWord(db: Database, actorUserId: number, word: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(reservedReferralWords).where(eq(reservedReferralWords.word, word)).returning();
    if (!removed) throw new AdminError(`“${word}” is not on the list: there is nothing to remove.`);
    await recordAudit(tx, {
      actorUserId,
      action: "referral.release_word",
      entity: "reserved_word",
      entityId: word,
      before: { word: removed.word, kind: removed.kind },
    });
  });
}

export interface CodeChangeRow {
  distributorId: number;
  name: string;
  fromCode: string;
  toCode: string;
  changedAt: Date;
}

/** The newest code changes of anyone, for admins to spot a distributor collecting codes. */
export async function listRecentCodeChanges(db: Executor, limit: number): Promise<CodeChangeRow[]> {
  return db
    .select({
      distributorId: referralCodeChanges.distributorId,
      name: users.name,
      fromCode: referralCodeChanges.fromCode,
      toCode: referralCodeChanges.toCode,
      changedAt: referralCodeChanges.changedAt,
    })
    .from(referralCodeChanges)
    .innerJoin(distributors, eq(distributors.id, referralCodeChanges.distributorId))
    .innerJoin(users, eq(users.id, distributors.userId))
    .orderBy(desc(referralCodeChanges.changedAt), desc(referralCodeChanges.id))
    .limit(limit);
}
