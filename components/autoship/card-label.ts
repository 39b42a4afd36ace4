/** A saved card as a person recognises it ("Visa ending 4242, expires 12/2030"). A plain module: pages and client components both call it. */
export function cardLabel(card: { brand: string; last4: string; expMonth: number; expYear: number }): string {
  return `${card.brand} ending ${card.last4}, expires ${String(card.expMonth).padStart(2, "0")}/${card.expYear}`;
}
