import { z } from "zod";
import type { Plan } from "@/lib/commissions";
import { MAX_RETAIL_MIN_CUSTOMERS } from "@/lib/commissions/validate";
import { percentToBps, parseWhole } from "./admin-money";
import { textField } from "./input";

/**
 * The most a plan may pay out of one order's CV: the retail share plus every
 * level, 5000 bps = 50% of CV. A company-wide policy (it keeps margins and
 * regulators' "pays on sales, not recruiting" tests sane); change it here.
 */
export const RATE_CAP_BPS = 5000;
export const MAX_LEVELS = 20;
export const MAX_RANKS = 20;
/** Volume thresholds are stored as 32-bit integers. */
export const MAX_VOLUME = 1_000_000_000;

const percent = (label: string) =>
  z.string({ error: `Enter ${label} as a percentage, e.g. 12.5.` }).transform((value, ctx) => {
    const bps = percentToBps(value);
    if (bps === null) {
      ctx.addIssue({ code: "custom", message: `Enter ${label} as a percentage from 0 to 100 with at most 2 decimals, e.g. 12.5.` });
      return z.NEVER;
    }
    return bps;
  });

const whole = (label: string, max = MAX_VOLUME) =>
  z.string({ error: `Enter ${label} as a whole number.` }).transform((value, ctx) => {
    const n = parseWhole(value, max);
    if (n === null) {
      ctx.addIssue({ code: "custom", message: `Enter ${label} as a whole number from 0 to ${max.toLocaleString("en-US")}.` });
      return z.NEVER;
    }
    return n;
  });

const rankSchema = z.object({
  name: textField("Name the rank.").min(1, { error: "Name the rank." }).max(40, { error: "Use at most 40 characters." }),
  minPv: whole("the minimum PV"),
  minGv: whole("the minimum GV"),
  paidLevels: whole("the paid levels", MAX_LEVELS),
});

/** The plan editor's fields, as typed (strings), to the engine's Plan with rates in basis points. */
export const planSchema = z
  .object({
    activeMinPv: whole("the active PV minimum"),
    personalPct: percent("the retail share"),
    levels: z
      .array(percent("the level's rate"))
      .min(1, { error: "A plan pays at least 1 level." })
      .max(MAX_LEVELS, { error: `A plan pays at most ${MAX_LEVELS} levels.` }),
    compression: z.boolean(),
    retailRule: z.boolean(),
    retailMinPct: percent("the retail share of PV"),
    retailCustomerRule: z.boolean(),
    retailMinCustomers: whole("the number of retail customers", MAX_RETAIL_MIN_CUSTOMERS),
    ranks: z.array(rankSchema).max(MAX_RANKS, { error: `At most ${MAX_RANKS} ranks.` }),
  })
  .superRefine((p, ctx) => {
    const total = p.personalPct + p.levels.reduce((s, b) => s + b, 0);
    if (total > RATE_CAP_BPS) {
      ctx.addIssue({
        code: "custom",
        path: ["levels"],
        message: `The retail share and the levels add up to ${total / 100}% of CV: at most ${RATE_CAP_BPS / 100}% may be paid.`,
      });
    }
    if (p.retailRule && p.retailMinPct === 0) {
      ctx.addIssue({ code: "custom", path: ["retailMinPct"], message: "Enter the share of PV that must be retail, above 0%, or turn the retail rule off." });
    }
    if (p.retailCustomerRule && p.retailMinCustomers === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["retailMinCustomers"],
        message: `Enter how many retail customers a distributor needs, from 1 to ${MAX_RETAIL_MIN_CUSTOMERS}, or turn the customer rule off.`,
      });
    }
    const names = new Set<string>();
    p.ranks.forEach((r, i) => {
      const key = r.name.toLowerCase();
      if (names.has(key)) ctx.addIssue({ code: "custom", path: ["ranks", i, "name"], message: "Another rank has this name." });
      names.add(key);
      if (r.paidLevels > p.levels.length) {
        ctx.addIssue({ code: "custom", path: ["ranks", i, "paidLevels"], message: `The plan has ${p.levels.length} level(s): a rank cannot be paid on more.` });
      }
      const prev = p.ranks[i - 1];
      if (!prev) return;
      // Lowest first, and the last rank that qualifies wins: a rank no harder to reach than the one
      // before it would make that one unreachable.
      if (r.minPv < prev.minPv || r.minGv < prev.minGv || (r.minPv === prev.minPv && r.minGv === prev.minGv)) {
        ctx.addIssue({
          code: "custom",
          path: ["ranks", i, "minGv"],
          message: `List ranks lowest first: ${r.name} must need at least the PV and GV of ${prev.name}, and more of one.`,
        });
      }
      if (r.paidLevels < prev.paidLevels) {
        ctx.addIssue({ code: "custom", path: ["ranks", i, "paidLevels"], message: `A higher rank cannot be paid on fewer levels than ${prev.name}.` });
      }
    });
  })
  .transform((p): Plan => ({
    activeMinPv: p.activeMinPv,
    personalBps: p.personalPct,
    levelsBps: p.levels,
    compression: p.compression,
    ranks: p.ranks.map((r) => ({ name: r.name, minPv: r.minPv, minGv: r.minGv, paidLevels: r.paidLevels })),
    ...(p.retailRule ? { retailMinBps: p.retailMinPct } : {}),
    ...(p.retailCustomerRule ? { retailMinCustomers: p.retailMinCustomers } : {}),
  }));

/** What the editor posts: repeated fields for levels and ranks, in order. */
export function planFormValues(formData: FormData) {
  const text = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const all = (name: string) => formData.getAll(name).map((v) => (typeof v === "string" ? v : ""));
  const names = all("rankName");
  const minPv = all("rankMinPv");
  const minGv = all("rankMinGv");
  const paid = all("rankPaidLevels");
  return {
    activeMinPv: text("activeMinPv"),
    personalPct: text("personalPct"),
    levels: all("levelPct"),
    compression: formData.get("compression") === "on",
    retailRule: formData.get("retailRule") === "on",
    // A rule turned off posts no share (the field is hidden): 0 then.
    retailMinPct: formData.get("retailRule") === "on" ? text("retailMinPct") : "0",
    retailCustomerRule: formData.get("retailCustomerRule") === "on",
    retailMinCustomers: formData.get("retailCustomerRule") === "on" ? text("retailMinCustomers") : "0",
    ranks: names.map((name, i) => ({ name, minPv: minPv[i] ?? "", minGv: minGv[i] ?? "", paidLevels: paid[i] ?? "" })),
  };
}

/** zod issue paths as the editor's field keys: "levels.2", "ranks.1.minGv". */
export function planFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

export function plansEqual(a: Plan, b: Plan): boolean {
  return JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
}

function normalized(p: Plan) {
  return {
    activeMinPv: p.activeMinPv,
    personalBps: p.personalBps,
    levelsBps: [...p.levelsBps],
    compression: p.compression,
    retailMinBps: p.retailMinBps ?? 0,
    retailMinCustomers: p.retailMinCustomers ?? 0,
    ranks: p.ranks.map((r) => [r.name, r.minPv, r.minGv, r.paidLevels]),
  };
}
