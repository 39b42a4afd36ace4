/** A refusal a person can act on; its message is safe to show. */
export class OrderError extends Error {
  override name = "OrderError";
}
