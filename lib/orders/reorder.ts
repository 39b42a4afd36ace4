/** The shop's review page with these items in the cart: an expired or declined order's "start again". */
export function reorderPath(lines: { productId: number; quantity: number }[], shop = "/shop/review"): string {
  return `${shop}?${lines.map((l) => `qty-${l.productId}=${l.quantity}`).join("&")}`;
}
