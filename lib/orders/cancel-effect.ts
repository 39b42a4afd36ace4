import { formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import type { CancelPreview } from "./cancel-preview";

/** The cancel dialog's sentences: what cancelling does to the seller, in numbers. */
export function cancelEffectText(preview: CancelPreview, currency: string): string[] {
  const money = (cents: number) => formatMoney(cents, currency);
  const period = formatPeriod(preview.periodStartsOn);
  if (preview.kind === "closed") {
    return [
      preview.clawbackCents > 0
        ? `${period} is closed, so it stays as it was: the ${money(preview.clawbackCents)} you earned on this order is clawed back from this period's estimate, and so are your upline's commissions on it.`
        : `${period} is closed, so it stays as it was: the commissions paid on this order are clawed back in this period.`,
    ];
  }
  const parts: string[] = [];
  parts.push(
    preview.pvAfter === preview.pvBefore
      ? `Your ${period} PV stays at ${formatNumber(preview.pvBefore)}`
      : `Your ${period} PV drops from ${formatNumber(preview.pvBefore)} to ${formatNumber(preview.pvAfter)}`,
  );
  if (preview.rankBefore !== preview.rankAfter) {
    parts.push(
      preview.rankAfter === null
        ? `you lose the ${preview.rankBefore} rank`
        : preview.rankBefore === null
          ? `you reach ${preview.rankAfter}`
          : `you go from ${preview.rankBefore} to ${preview.rankAfter}`,
    );
  }
  const drop = preview.earningsBeforeCents - preview.earningsAfterCents;
  parts.push(
    drop === 0
      ? `your estimate stays at ${money(preview.earningsBeforeCents)}`
      : drop > 0
        ? `your estimate drops by ${money(drop)}, from ${money(preview.earningsBeforeCents)} to ${money(preview.earningsAfterCents)}`
        : `your estimate rises by ${money(-drop)}, from ${money(preview.earningsBeforeCents)} to ${money(preview.earningsAfterCents)}`,
  );
  const last = parts.pop()!;
  return [
    `${parts.length > 1 ? `${parts[0]}: ${parts.slice(1).join(", ")} and ${last}` : `${parts[0]} and ${last}`}.`,
    "Your upline's commissions on this order are taken back too.",
  ];
}
