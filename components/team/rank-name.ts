/** A rank position as the plan names it; "—" for none. */
export function rankName(ranks: string[], position: number | null): string {
  return position === null ? "—" : (ranks[position] ?? `Rank ${position + 1}`);
}
