import type { FailureKind } from "./log";

// Whether this instance's database has failed lately for want of itself (gone)
// or of space (a full disk): what the error pages ask (/api/status) to tell a
// user "temporarily unavailable" rather than "something went wrong". Kept per
// process, on globalThis, so every server bundle of the process shares it.

/** A failure this recent still counts. */
export const TROUBLE_WINDOW_MS = 30_000;

const key = Symbol.for("lineage.availability");
type WithTrouble = typeof globalThis & { [key]?: { at: number } };

/** Records a failure; only the database's absence and a full disk count. */
export function noteFailure(kind: FailureKind, at: Date): void {
  if (kind === "error") return;
  (globalThis as WithTrouble)[key] = { at: at.getTime() };
}

/** Whether the database failed for want of itself or of space within the window before `at`. */
export function troubledLately(at: Date): boolean {
  const last = (globalThis as WithTrouble)[key];
  return last !== undefined && at.getTime() - last.at < TROUBLE_WINDOW_MS;
}
