// How often a distributor may change their referral code, and how long a
// retired code keeps pointing to them (issue 16, point 8: code squatting).
// Pure: every function takes the moment it is asked about.

const DAY_MS = 86_400_000;

/** At most this many code changes... */
export const CODE_CHANGES_PER_WINDOW = 3;
/** ...in any rolling window of this many days. */
export const CODE_CHANGE_WINDOW_DAYS = 30;
/**
 * A retired code keeps redirecting to its owner for this many days after it
 * was retired; then it no longer resolves (its links answer as an unknown
 * code) and anyone may take it.
 */
export const ALIAS_GRACE_DAYS = 90;

export interface ChangeAllowance {
  /** Changes still allowed now (0 to CODE_CHANGES_PER_WINDOW). */
  remaining: number;
  /** When the next change is allowed, if none is now; when the oldest change still counted stops counting, otherwise (null when none counts). */
  nextChangeAt: Date | null;
}

/** The start of the window that ends at `now`: a change counts while it happened after this moment. */
export function changeWindowStart(now: Date): Date {
  return new Date(now.getTime() - CODE_CHANGE_WINDOW_DAYS * DAY_MS);
}

/**
 * What the rolling limit allows at `now`, given the times of a distributor's
 * code changes (any order; the ones outside the window are ignored). A change
 * counts for exactly CODE_CHANGE_WINDOW_DAYS days after it was made.
 */
export function changeAllowance(changedAt: readonly Date[], now: Date): ChangeAllowance {
  const from = changeWindowStart(now).getTime();
  const counted = changedAt
    .map((d) => d.getTime())
    .filter((t) => t > from && t <= now.getTime())
    .sort((a, b) => a - b);
  const remaining = Math.max(0, CODE_CHANGES_PER_WINDOW - counted.length);
  if (counted.length === 0) return { remaining, nextChangeAt: null };
  // With no change left, one frees up when enough of the oldest leave the window.
  const freeing = remaining > 0 ? counted[0]! : counted[counted.length - CODE_CHANGES_PER_WINDOW]!;
  return { remaining, nextChangeAt: new Date(freeing + CODE_CHANGE_WINDOW_DAYS * DAY_MS) };
}

/** When a code retired at `retiredAt` stops resolving and becomes free. */
export function aliasExpiresAt(retiredAt: Date): Date {
  return new Date(retiredAt.getTime() + ALIAS_GRACE_DAYS * DAY_MS);
}

/** The oldest retirement still within its grace at `now`: an alias resolves while it was retired after this moment. */
export function aliasGraceCutoff(now: Date): Date {
  return new Date(now.getTime() - ALIAS_GRACE_DAYS * DAY_MS);
}

/** Whether a code retired at `retiredAt` still points to its owner at `now`. */
export function aliasActive(retiredAt: Date, now: Date): boolean {
  return now.getTime() < aliasExpiresAt(retiredAt).getTime();
}
