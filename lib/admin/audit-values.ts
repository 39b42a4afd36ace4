import { formatBps, formatDateTime, formatDay, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

/** A piece of text, with the page of the record it names when there is one. */
export interface AuditText {
  text: string;
  href?: string;
}

/** One changed field in words: a creation has no "before", a deletion no "after". */
export interface AuditChangeView {
  label: string;
  before: AuditText | null;
  after: AuditText | null;
}

/** Names of the records audit entries point at, looked up once per page (lib/admin/audit-names.ts). */
export interface AuditNames {
  distributors: ReadonlyMap<number, string>;
  products: ReadonlyMap<number, string>;
  /** A period's first day, "2026-12-01". */
  periods: ReadonlyMap<number, string>;
  /** A plan row's version number. */
  plans: ReadonlyMap<number, number>;
}

export interface AuditFormatContext {
  names: AuditNames;
  currency: string;
  /** The reader's IANA zone: times of day are shown in it. */
  timeZone: string;
}

// In the order fields are listed (jsonb keeps keys in its own order, not the writer's).
const LABELS: Record<string, string> = {
  version: "Version",
  name: "Name",
  sku: "SKU",
  description: "Description",
  imageUrl: "Image URL",
  priceCents: "Price",
  pv: "PV",
  cvCents: "CV",
  active: "Active",
  status: "Status",
  pendingOrderMinutes: "Pending order minutes",
  guestMaxTotalCents: "Guest order limit",
  guestMaxUnits: "Guest unit limit",
  rateCents: "Rate",
  brandColor: "Brand colour",
  sponsorId: "Sponsor",
  sponsorCode: "Sponsor's referral code",
  path: "Sponsor",
  sponsor: "Sponsor",
  periodId: "Period",
  ledgerPeriodId: "Reversal booked in",
  planId: "Plan",
  activeMinPv: "Active minimum",
  personalBps: "Personal (retail) commission",
  levelsBps: "Levels",
  compression: "Compression",
  retailMinBps: "Retail minimum",
  retailMinCustomers: "Retail customers needed",
  ranks: "Ranks",
  periods: "Open periods recomputed",
  payableCents: "Total payable",
  distributors: "Distributors paid",
  lines: "Commission lines",
  totalCents: "Total",
  refundReference: "Refund reference",
  orderIds: "Orders",
  refundCents: "Refund",
  rateBps: "Buyback rate",
  distributorId: "Distributor",
  lastError: "Last error",
  runAt: "Runs at",
  nextRunOn: "Next run",
  job: "Job key",
  to: "Sent to",
  rangeStartsOn: "From",
  rangeEndsOn: "To",
  population: "Distributors counted",
  inputsSha256: "Inputs checksum (SHA-256)",
  verifiedAt: "Verified at",
  minPv: "Minimum personal volume",
  minGv: "Minimum group volume",
  paidLevels: "Levels paid",
};

const ORDER = new Map(Object.keys(LABELS).map((key, i) => [key, i]));

/** Field keys in reading order: known ones as the label map lists them, then the rest as recorded. */
export function inReadingOrder(keys: string[]): string[] {
  const rank = (k: string) => ORDER.get(k) ?? ORDER.size;
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/** A field key in words: the label map, else camelCase as a sentence ("guestMaxUnits" -> "Guest max units"). */
export function fieldLabel(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key
    .replace(/(Cents|Bps)$/, "")
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const sentence = (s: string) => (s.charAt(0).toUpperCase() + s.slice(1)).replace(/_/g, " ");
const MAX_TEXT = 200;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

export function distributorText(id: number, ctx: AuditFormatContext): AuditText {
  const name = ctx.names.distributors.get(id);
  return { text: name ?? `Distributor #${id} (no longer on file)`, href: name ? `/admin/distributors/${id}` : undefined };
}

export function periodText(id: number, ctx: AuditFormatContext): AuditText {
  const startsOn = ctx.names.periods.get(id);
  return startsOn ? { text: formatPeriod(startsOn), href: `/admin/periods/${id}/payouts` } : { text: `Period #${id}` };
}

export function planText(id: number, ctx: AuditFormatContext): AuditText {
  const version = ctx.names.plans.get(id);
  return { text: version === undefined ? `Plan #${id}` : `Version ${version}`, href: "/admin/plan" };
}

/** A materialised path ("1.17.342") ends with the distributor itself; the id before it is their sponsor. */
export function pathSponsorId(path: string): number | null {
  const ids = path.split(".");
  const sponsor = ids.length >= 2 ? ids[ids.length - 2]! : "";
  return /^\d{1,12}$/.test(sponsor) ? Number(sponsor) : null;
}

function pathSponsor(path: string, ctx: AuditFormatContext): AuditText {
  const id = pathSponsorId(path);
  return id === null ? { text: "None (top of the tree)" } : distributorText(id, ctx);
}

/** One audited value in words, by what its key says it is. */
export function formatAuditValue(key: string, value: unknown, ctx: AuditFormatContext): AuditText {
  if (value === null || value === undefined) return { text: key === "sponsorId" ? "None (top of the tree)" : "None" };
  if (typeof value === "boolean") return { text: value ? "Yes" : "No" };
  if (isInt(value)) {
    if (key === "distributorId" || key === "sponsorId") return distributorText(value, ctx);
    if (key === "periodId" || key === "ledgerPeriodId") return periodText(value, ctx);
    if (key === "planId") return planText(value, ctx);
    if (key === "retailMinCustomers") return { text: value === 0 ? "Off" : `${formatNumber(value)} retail customer${value === 1 ? "" : "s"}` };
    if (key.endsWith("Cents")) return { text: formatMoney(value, ctx.currency) };
    if (key.endsWith("Bps")) return { text: formatBps(value) };
    if (key === "pv" || key.endsWith("Pv")) return { text: `PV ${formatNumber(value)}` };
    if (key.endsWith("Gv")) return { text: `GV ${formatNumber(value)}` };
  }
  if (typeof value === "number") return { text: formatNumber(value) };
  if (typeof value === "string") {
    if (key === "path") return pathSponsor(value, ctx);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { text: formatDay(value) };
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return { text: formatDateTime(value, ctx.timeZone) };
    if (key === "status" || key === "effect" || key === "audience" || key === "kind") return { text: sentence(value) };
    return { text: clip(value) };
  }
  if (Array.isArray(value) && value.length === 0) return { text: "None" };
  if (Array.isArray(value) && value.every(isInt)) {
    if (key === "orderIds") return { text: value.map((id) => `#${id}`).join(", ") };
    if (key === "periods") return { text: value.map((id) => periodText(id, ctx).text).join(", ") };
    if (key.endsWith("Bps")) return { text: value.map(formatBps).join(", ") };
    return { text: value.map((n) => formatNumber(n)).join(", ") };
  }
  return { text: clip(JSON.stringify(value)) };
}
