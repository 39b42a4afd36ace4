// What the dashboard's autoship card says, decided apart from its words and
// its data (lib/autoship/brief.ts reads it): the member's autoship against the
// plan's activity minimum.

export interface AutoshipBrief {
  status: "active" | "paused" | "failed";
  dayOfMonth: number;
  /** "2026-12-15" */
  nextRunOn: string;
  /** The next order's PV at today's catalog (withdrawn products left out). */
  pv: number;
  /** A declined run waiting for its retry: its cycle; null when none. */
  retryingCycle: string | null;
}

export type AutoshipCardState =
  /** No autoship: an invitation to start one. */
  | { kind: "none" }
  /** On, and its PV alone reaches the activity minimum. */
  | { kind: "keeps-active"; dayOfMonth: number; nextRunOn: string; pv: number; activeMinPv: number }
  /** On, but its PV alone falls `shortBy` PV below the activity minimum. */
  | { kind: "short"; dayOfMonth: number; nextRunOn: string; pv: number; activeMinPv: number; shortBy: number }
  /** On, but this cycle's order was declined and waits for a retry or a new card. */
  | { kind: "declined"; cycle: string }
  | { kind: "paused" }
  /** Stopped after its card kept declining: a working card starts it again. */
  | { kind: "failed" };

export function autoshipCardState(brief: AutoshipBrief | null, activeMinPv: number): AutoshipCardState {
  if (!brief) return { kind: "none" };
  if (brief.status === "paused") return { kind: "paused" };
  if (brief.status === "failed") return { kind: "failed" };
  if (brief.retryingCycle !== null) return { kind: "declined", cycle: brief.retryingCycle };
  const base = { dayOfMonth: brief.dayOfMonth, nextRunOn: brief.nextRunOn, pv: brief.pv, activeMinPv };
  return brief.pv >= activeMinPv ? { kind: "keeps-active", ...base } : { kind: "short", ...base, shortBy: activeMinPv - brief.pv };
}
