/** How long after an order its buyer may cancel it for a full refund. */
export const COOLING_OFF_MS = 3 * 24 * 60 * 60 * 1000;

/** Whether an order placed at `placedAt` may still be cancelled at `at`. */
export function withinCoolingOff(placedAt: Date, at: Date): boolean {
  return at.getTime() - placedAt.getTime() < COOLING_OFF_MS;
}
