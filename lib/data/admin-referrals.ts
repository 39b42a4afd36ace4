import "server-only";
import { getDb } from "@/db/client";
import { company } from "@/db/schema";
import { listRecentCodeChanges, listReservedWords } from "@/lib/admin/reserved-words";
import { requireAdmin } from "@/lib/auth/session";
import { ALIAS_GRACE_DAYS, CODE_CHANGE_WINDOW_DAYS, CODE_CHANGES_PER_WINDOW } from "@/lib/referrals/code-policy";
import { BRAND_WORD_MIN_LENGTH, companyNameWords, RESERVED_ROLE_WORDS, RESERVED_ROUTE_WORDS, type ReservedKind } from "@/lib/referrals/reserved";

export interface ReservedWordDto {
  word: string;
  kind: ReservedKind;
  /** ISO. */
  addedAt: string;
  addedBy: string | null;
}

export interface CodeChangeDto {
  distributorId: number;
  name: string;
  fromCode: string;
  toCode: string;
  /** ISO. */
  changedAt: string;
}

export interface ReferralCodeSettingsDto {
  policy: { changesPerWindow: number; windowDays: number; graceDays: number };
  routeWords: readonly string[];
  roleWords: readonly string[];
  companyName: string | null;
  /** The company name's words, each with the rule it is matched by. */
  companyWords: { word: string; kind: ReservedKind }[];
  added: ReservedWordDto[];
  recentChanges: CodeChangeDto[];
}

/** What /admin/referrals shows: the rules, every reserved word by where it comes from, and the newest code changes; admins only. */
export async function getReferralCodeSettings(): Promise<ReferralCodeSettingsDto> {
  await requireAdmin();
  const db = await getDb();
  const [added, [named], recent] = await Promise.all([
    listReservedWords(db),
    db.select({ name: company.name }).from(company).limit(1),
    listRecentCodeChanges(db, 20),
  ]);
  const companyName = named?.name ?? null;
  return {
    policy: { changesPerWindow: CODE_CHANGES_PER_WINDOW, windowDays: CODE_CHANGE_WINDOW_DAYS, graceDays: ALIAS_GRACE_DAYS },
    routeWords: RESERVED_ROUTE_WORDS,
    roleWords: RESERVED_ROLE_WORDS,
    companyName,
    companyWords: companyNameWords(companyName ?? "").map((word) => ({ word, kind: word.length >= BRAND_WORD_MIN_LENGTH ? "brand" : "word" })),
    added: added.map((r) => ({ word: r.word, kind: r.kind, addedAt: r.addedAt.toISOString(), addedBy: r.addedBy })),
    recentChanges: recent.map((r) => ({ ...r, changedAt: r.changedAt.toISOString() })),
  };
}
