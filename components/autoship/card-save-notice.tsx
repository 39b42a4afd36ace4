/** What a return from the provider's card page says (a card saved, or not), or nothing. `cancelled`: back without saving one. */
export function cardSaveNotice(saved: { ok: boolean; message: string } | null, cancelled: boolean): { ok: boolean; message: string } | null {
  return saved ?? (cancelled ? { ok: false, message: "No card was saved: you came back from Stripe without saving one." } : null);
}

/** The notice of cardSaveNotice, on the autoship pages (the member's, the customer's receipt and manage link). */
export function CardSaveNotice({ notice }: { notice: { ok: boolean; message: string } | null }) {
  if (!notice) return null;
  return (
    <p
      role={notice.ok ? "status" : "alert"}
      data-testid="autoship-card-notice"
      className={`rounded-md border px-3 py-2 text-sm ${notice.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-200 bg-amber-50 text-amber-900"}`}
    >
      {notice.message}
    </p>
  );
}
