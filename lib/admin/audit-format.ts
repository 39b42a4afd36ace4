import type { AuditAction, AuditEntity } from "./audit";
import {
  distributorText,
  fieldLabel,
  formatAuditValue,
  inReadingOrder,
  pathSponsorId,
  periodText,
  type AuditChangeView,
  type AuditFormatContext,
  type AuditText,
} from "./audit-values";

/** An audit_log row as read, with its actor's name. */
export interface AuditRow {
  id: number;
  createdAt: Date;
  actor: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** An audit entry in words, for the page: plain data. */
export interface AuditEntryView {
  id: number;
  createdAt: string;
  actor: string | null;
  action: string;
  /** What happened: "Product changed". */
  title: string;
  /** The record it happened to, linked to its page when it has one. */
  subject: AuditText | null;
  changes: AuditChangeView[];
}

export const auditActionLabels: Record<AuditAction, string> = {
  "product.create": "Product created",
  "product.update": "Product changed",
  "product.archive": "Product archived",
  "product.restore": "Product restored",
  "product.delete": "Product deleted",
  "plan.publish": "Plan published",
  "distributor.terminate": "Distributor terminated",
  "distributor.reactivate": "Distributor reactivated",
  "distributor.move": "Distributor moved",
  "distributor.verify_email": "Email verified by an admin",
  "period.close": "Period closed",
  "order.refund": "Order refunded",
  "payout.mark_paid": "Payouts marked paid",
  "shipping.set_rate": "Shipping rate set",
  "shipping.remove_rate": "Shipping rate removed",
  "checkout.update": "Checkout settings changed",
  "referral.reserve_word": "Word reserved",
  "referral.release_word": "Reserved word released",
  "company.update": "Company identity changed",
  "announcement.send": "Announcement sent",
  "job.retry": "Job retried",
  "email.send_test": "Test email sent",
  "autoship.run_now": "Autoship run now",
  "buyback.request": "Buyback requested",
  "buyback.approve": "Buyback approved",
  "buyback.reject": "Buyback rejected",
  "income_statement.publish": "Income statement published",
};

export const auditEntityLabels: Record<AuditEntity, string> = {
  product: "Product",
  plan: "Plan",
  distributor: "Distributor",
  period: "Period",
  order: "Order",
  payout_batch: "Payouts",
  shipping_rate: "Shipping rate",
  checkout_settings: "Checkout settings",
  reserved_word: "Reserved word",
  company: "Company",
  announcement: "Announcement",
  job: "Job",
  email: "Email",
  subscription: "Autoship",
  buyback: "Buyback",
  income_statement: "Income statement",
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const numericId = (id: string | null) => (id !== null && /^\d{1,12}$/.test(id) ? Number(id) : null);

export interface AuditRefs {
  distributors: number[];
  products: number[];
  periods: number[];
  plans: number[];
}

/** The records a page of entries names, by kind, so each kind is looked up in one query. */
export function auditRefs(rows: readonly AuditRow[]): AuditRefs {
  const found = { distributors: new Set<number>(), products: new Set<number>(), periods: new Set<number>(), plans: new Set<number>() };
  for (const row of rows) {
    const id = numericId(row.entityId);
    if (id !== null && row.entity === "distributor") found.distributors.add(id);
    if (id !== null && row.entity === "product") found.products.add(id);
    if (id !== null && row.entity === "period") found.periods.add(id);
    for (const record of [row.before, row.after]) {
      if (!isRecord(record)) continue;
      for (const [key, v] of Object.entries(record)) {
        if ((key === "distributorId" || key === "sponsorId") && isInt(v)) found.distributors.add(v);
        if ((key === "periodId" || key === "ledgerPeriodId") && isInt(v)) found.periods.add(v);
        if (key === "planId" && isInt(v)) found.plans.add(v);
        if (key === "periods" && Array.isArray(v)) v.filter(isInt).forEach((p) => found.periods.add(p));
        const sponsor = key === "path" && typeof v === "string" ? pathSponsorId(v) : null;
        if (sponsor !== null) found.distributors.add(sponsor);
      }
    }
  }
  return {
    distributors: [...found.distributors],
    products: [...found.products],
    periods: [...found.periods],
    plans: [...found.plans],
  };
}

/** A plan's levels, level by level: "Level 2: 5% → 6%", "Level 4 added". */
function levelChanges(before: unknown[], after: unknown[], existed: boolean, ctx: AuditFormatContext): AuditChangeView[] {
  const out: AuditChangeView[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const [b, a] = [before[i], after[i]];
    if (same(b, a)) continue;
    const level = `Level ${i + 1}`;
    const value = (v: unknown) => formatAuditValue("levelBps", v, ctx);
    if (b === undefined) out.push({ label: existed ? `${level} added` : level, before: null, after: value(a) });
    else if (a === undefined) out.push({ label: `${level} removed`, before: value(b), after: null });
    else out.push({ label: level, before: value(b), after: value(a) });
  }
  return out;
}

const rankFields = ["minPv", "minGv", "paidLevels"] as const;

/** A plan's ranks, matched by name: "Rank Gold added", "Rank Gold: Minimum personal volume PV 100 → PV 200". */
function rankChanges(before: unknown[], after: unknown[], existed: boolean, ctx: AuditFormatContext): AuditChangeView[] {
  const byName = (list: unknown[]) => new Map(list.filter(isRecord).map((r) => [String(r.name), r]));
  const [b, a] = [byName(before), byName(after)];
  const summary = (r: Record<string, unknown>): AuditText => ({
    text: `${formatAuditValue("minPv", r.minPv, ctx).text} · ${formatAuditValue("minGv", r.minGv, ctx).text} · ${r.paidLevels === 1 ? "1 level" : `${formatAuditValue("paidLevels", r.paidLevels, ctx).text} levels`} paid`,
  });
  const out: AuditChangeView[] = [];
  for (const [name, rank] of a) {
    const old = b.get(name);
    if (!old) out.push({ label: existed ? `Rank ${name} added` : `Rank ${name}`, before: null, after: summary(rank) });
    else
      for (const f of rankFields)
        if (!same(old[f], rank[f]))
          out.push({ label: `Rank ${name}: ${fieldLabel(f)}`, before: formatAuditValue(f, old[f], ctx), after: formatAuditValue(f, rank[f], ctx) });
  }
  for (const [name, rank] of b) if (!a.has(name)) out.push({ label: `Rank ${name} removed`, before: summary(rank), after: null });
  return out;
}

const blank = (v: unknown) => v === null || v === undefined || v === "";

// verify_email records the distributor's user id: the entry already names the distributor.
const HIDDEN = new Set(["userId"]);

/** The fields that differ between before and after, in words; unchanged fields are left out. */
export function auditChangeViews(before: unknown, after: unknown, ctx: AuditFormatContext): AuditChangeView[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (same(before ?? null, after ?? null)) return [];
    const value = (v: unknown) => (v === null || v === undefined ? null : formatAuditValue("value", v, ctx));
    return [{ label: "Value", before: value(before), after: value(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const existed = isRecord(before) && isRecord(after);
  // A move records the sponsor twice (id and path): the id is enough.
  const hasSponsorId = "sponsorId" in a || "sponsorId" in b;
  const out: AuditChangeView[] = [];
  for (const key of inReadingOrder([...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))])) {
    if (HIDDEN.has(key) || (key === "path" && hasSponsorId) || same(b[key], a[key])) continue;
    const [bv, av] = [b[key], a[key]];
    // A created record's empty field, or a deleted one's, changed nothing worth a line.
    if ((!(key in b) && blank(av)) || (!(key in a) && blank(bv))) continue;
    if (key === "levelsBps" && (Array.isArray(bv) || bv === undefined) && Array.isArray(av)) out.push(...levelChanges(bv ?? [], av, existed, ctx));
    else if (key === "ranks" && (Array.isArray(bv) || bv === undefined) && Array.isArray(av)) out.push(...rankChanges(bv ?? [], av, existed, ctx));
    else
      out.push({ label: fieldLabel(key), before: key in b ? formatAuditValue(key, bv, ctx) : null, after: key in a ? formatAuditValue(key, av, ctx) : null });
  }
  return out;
}

function regionName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code; // not a region code: shown as recorded
  }
}

/** The record an entry is about, named and linked. */
function auditSubject(row: AuditRow, ctx: AuditFormatContext): AuditText | null {
  const id = row.entityId;
  const n = numericId(id);
  const snapshot = (key: string): unknown => (isRecord(row.after) && key in row.after ? row.after[key] : isRecord(row.before) ? row.before[key] : undefined);
  const entity = row.entity as AuditEntity;
  if (entity === "company") return { text: "Company identity", href: "/admin/company" };
  if (entity === "checkout_settings") return { text: "Checkout settings", href: "/admin/payments" };
  if (id === null) return null;
  switch (entity) {
    case "product": {
      const name = n === null ? undefined : ctx.names.products.get(n);
      const recorded = snapshot("name");
      if (name) return { text: name, href: `/admin/products/${id}` };
      return { text: typeof recorded === "string" ? `${recorded} (deleted)` : `Product #${id}` };
    }
    case "distributor":
      return n === null ? { text: `Distributor ${id}` } : distributorText(n, ctx);
    case "period":
      return n === null ? { text: `Period ${id}` } : periodText(n, ctx);
    case "payout_batch": {
      const periodId = snapshot("periodId");
      return isInt(periodId)
        ? { text: `Payouts for ${periodText(periodId, ctx).text}`, href: `/admin/periods/${periodId}/payouts` }
        : { text: `Payout batch #${id}` };
    }
    case "plan": {
      const version = snapshot("version");
      return { text: isInt(version) ? `Plan version ${version}` : `Plan #${id}`, href: "/admin/plan" };
    }
    case "order":
      return { text: `Order #${id}`, href: `/admin/orders?q=${encodeURIComponent(id)}` };
    case "shipping_rate":
      return { text: `Shipping to ${regionName(id)}`, href: "/admin/payments" };
    case "reserved_word":
      return { text: `Reserved word “${id}”`, href: "/admin/referrals" };
    case "announcement": {
      const subject = snapshot("subject");
      return { text: typeof subject === "string" ? `Announcement “${subject}”` : `Announcement #${id}`, href: "/admin/announcements" };
    }
    case "job":
      return { text: `Job #${id}`, href: "/admin/jobs" };
    case "email":
      return { text: `Test email #${id}`, href: `/admin/outbox/${encodeURIComponent(id)}` };
    case "subscription":
      return { text: `Autoship #${id}`, href: "/admin/autoship" };
    case "buyback":
      return { text: `Buyback request #${id}`, href: "/admin/returns" };
    case "income_statement":
      return { text: `Income statement #${id}`, href: "/admin/income-statement" };
    default:
      return { text: `${row.entity} ${id}` };
  }
}

/** One audit_log row in words: what happened, to which record, and the fields it changed. */
export function formatAuditEntry(row: AuditRow, ctx: AuditFormatContext): AuditEntryView {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actor: row.actor,
    action: row.action,
    title: auditActionLabels[row.action as AuditAction] ?? fieldLabel(row.action.replace(/[._]/g, " ")),
    subject: auditSubject(row, ctx),
    changes: auditChangeViews(row.before, row.after, ctx),
  };
}
