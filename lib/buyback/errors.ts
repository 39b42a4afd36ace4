/** A buyback refused for a reason a person can act on; its message is safe to show. */
export class BuybackError extends Error {
  override name = "BuybackError";
}
