import Link from "next/link";
import { formatRunDate, ordinalDay } from "@/lib/autoship/cycle";
import type { AutoshipCardState } from "@/lib/autoship/card-state";
import { formatNumber } from "@/lib/format";

const tones = {
  plain: "border-slate-200 bg-white",
  warn: "border-amber-300 bg-amber-50",
} as const;

/** The member's autoship on their dashboard: whether it keeps them active, or what needs doing, with the way to the autoship page. */
export function AutoshipCard({ state }: { state: AutoshipCardState }) {
  const [tone, text, link]: [keyof typeof tones, React.ReactNode, string] = (() => {
    switch (state.kind) {
      case "none":
        return [
          "plain",
          "Set up autoship: the same order every month on a day you choose, charged to a saved card, so your PV arrives without you having to remember it.",
          "Set up autoship",
        ];
      case "keeps-active":
        return [
          "plain",
          <>
            Your autoship on {ordinalDay(state.dayOfMonth)} adds {formatNumber(state.pv)} PV: it keeps you active. Next order on{" "}
            {formatRunDate(state.nextRunOn)}.
          </>,
          "Manage autoship",
        ];
      case "short":
        return [
          "warn",
          <>
            Your autoship on {ordinalDay(state.dayOfMonth)} adds {formatNumber(state.pv)} PV: its next order, on {formatRunDate(state.nextRunOn)}, will not
            reach the activity minimum of {formatNumber(state.activeMinPv)} PV. It is {formatNumber(state.shortBy)} PV short: add items, or order more that
            month.
          </>,
          "Change its items",
        ];
      case "declined":
        return [
          "warn",
          `Your ${formatRunDate(state.cycle)} autoship order was declined. We try the card again, or save another card to try at once.`,
          "Update the card",
        ];
      case "paused":
        return ["warn", "Your autoship is paused: no order is placed or charged until you resume it.", "Resume autoship"];
      case "failed":
        return ["warn", "Your autoship is stopped: its card kept declining. Save a working card to start it again.", "Update the card"];
    }
  })();
  return (
    <section
      aria-labelledby="autoship-card-heading"
      className={`mt-6 rounded-xl border p-4 ${tones[tone]}`}
      data-testid="autoship-card"
      data-state={state.kind}
    >
      <h2 id="autoship-card-heading" className="text-sm font-semibold text-slate-900">
        Autoship
      </h2>
      <p className={`mt-1 text-sm ${tone === "warn" ? "text-amber-900" : "text-slate-700"}`}>{text}</p>
      <Link href="/dashboard/autoship" className="mt-2 inline-block text-sm font-semibold text-brand-700 underline">
        {link}
      </Link>
    </section>
  );
}
