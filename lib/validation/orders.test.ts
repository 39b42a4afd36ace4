import { describe, expect, it } from "vitest";
import { parseCartQuery, placeOrderSchema } from "./orders";

describe("order validation", () => {
  const key = "5c0a9f5e-2b9e-4c43-9d53-5f1b8b8e2f11";

  it("accepts a cart of id:quantity pairs", () => {
    expect(placeOrderSchema.parse({ items: ["3:2", "7:99"], idempotencyKey: key }).items).toEqual([
      [3, 2],
      [7, 99],
    ]);
  });

  it.each([
    [{ items: [], idempotencyKey: key }, "Your cart is empty."],
    [{ items: ["3:0"], idempotencyKey: key }, undefined],
    [{ items: ["3:100"], idempotencyKey: key }, "The cart is malformed."],
    [{ items: ["3:-1"], idempotencyKey: key }, "The cart is malformed."],
    [{ items: ["x:1"], idempotencyKey: key }, "The cart is malformed."],
    [{ items: ["3:1"], idempotencyKey: "not-a-uuid" }, "This order form has expired. Reload the page and try again."],
  ])("refuses %j", (input, message) => {
    const result = placeOrderSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (message) expect(result.error?.issues[0]?.message).toBe(message);
  });

  it("reads the shop form's quantities", () => {
    expect(parseCartQuery({ "qty-3": "2", "qty-4": "0", "qty-5": "", other: "x" })).toEqual({ items: [{ productId: 3, quantity: 2 }] });
    expect(parseCartQuery({ "qty-3": "1.5" }).error).toMatch(/whole numbers/);
    expect(parseCartQuery({ "qty-3": "100" }).error).toMatch(/whole numbers/);
    expect(parseCartQuery({ "qty-3": ["2", "9"] })).toEqual({ items: [{ productId: 3, quantity: 2 }] });
  });
});
