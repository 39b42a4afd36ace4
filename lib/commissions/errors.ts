/** Problems the engine refuses. `code` is stable; `message` is one line for people. */
export type InputErrorCode = "json" | "shape" | "missing" | "invalid" | "duplicate" | "unknown-sponsor" | "unknown-seller" | "cycle" | "overflow";

/**
 * Bad input. The index-based core names the offending distributor by `index`;
 * the interchange layer names it by `id` (and quotes it in the message).
 */
export class CommissionInputError extends Error {
  readonly code: InputErrorCode;
  readonly index: number | undefined;
  readonly id: string | undefined;

  constructor(code: InputErrorCode, message: string, where: { index?: number; id?: string } = {}) {
    super(message);
    this.name = "CommissionInputError";
    this.code = code;
    this.index = where.index;
    this.id = where.id;
  }
}
