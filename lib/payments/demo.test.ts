import { describe, expect, it } from "vitest";
import { checkDemoCard, demoCards, type DemoCard } from "./demo";

// The demo card form's checks, as a provider's own form would make them: the
// number (Luhn, then one of the documented demo cards), the expiry (MM/YY, valid
// to the end of its month, UTC) and the CVC. Charging is lib/payments/demo.int.test.ts.

const at = new Date("2026-11-15T10:00:00Z");
const card = (over: Partial<DemoCard> = {}): DemoCard => ({ number: demoCards.success, expiry: "12/30", cvc: "123", ...over });
const refusal = (c: DemoCard, when = at) => {
  const result = checkDemoCard(c, when);
  return result.ok ? null : { field: result.field, message: result.message };
};

describe("checkDemoCard", () => {
  it("accepts the documented cards, spaces or dashes or none, and returns their digits", () => {
    expect(checkDemoCard(card(), at)).toEqual({ ok: true, digits: "4242424242424242" });
    expect(checkDemoCard(card({ number: "4242-4242-4242-4242" }), at)).toEqual({ ok: true, digits: "4242424242424242" });
    expect(checkDemoCard(card({ number: " 4242424242424242 " }), at)).toEqual({ ok: true, digits: "4242424242424242" });
    // The decline cards are valid cards: they are declined when charged, not by the form.
    expect(checkDemoCard(card({ number: demoCards.decline }), at)).toEqual({ ok: true, digits: "4000000000000002" });
    expect(checkDemoCard(card({ number: demoCards.insufficientFunds }), at)).toEqual({ ok: true, digits: "4000000000009995" });
  });

  it("refuses a number that fails the Luhn check or is not a card number", () => {
    const invalid = { field: "number", message: "Enter a valid card number." };
    // One digit off: the check digit no longer matches.
    expect(refusal(card({ number: "4242 4242 4242 4241" }))).toEqual(invalid);
    // Two adjacent digits swapped (4242... -> 2442...): caught by the doubling.
    expect(refusal(card({ number: "2442 4242 4242 4242" }))).toEqual(invalid);
    expect(refusal(card({ number: "" }))).toEqual(invalid);
    expect(refusal(card({ number: "4242 4242 42a2 4242" }))).toEqual(invalid);
    // Too short and too long, though each passes Luhn.
    expect(refusal(card({ number: "42424242420" }))).toEqual(invalid);
    expect(refusal(card({ number: "42424242424242424242" }))).toEqual(invalid);
    expect(refusal(card({ number: "4242/4242/4242/4242" }))).toEqual(invalid);
  });

  it("refuses a real-looking card that is not a demo card, naming the cards to use", () => {
    // Valid under Luhn (Mastercard's and Amex's usual test numbers), but not the demo's.
    for (const number of ["5555 5555 5555 4444", "3782 822463 10005"]) {
      const r = refusal(card({ number }));
      expect(r?.field).toBe("number");
      expect(r?.message).toContain(demoCards.success);
      expect(r?.message).toContain(demoCards.decline);
      expect(r?.message).toMatch(/demo/i);
    }
  });

  it("refuses an expiry that is not MM/YY or names no month", () => {
    const format = { field: "expiry", message: "Enter the expiry date as MM/YY." };
    for (const expiry of ["", "1/30", "13/30", "00/30", "12-30", "12/2030", "ab/cd", "12/3"]) expect(refusal(card({ expiry })), expiry).toEqual(format);
    // Spaces around the parts are a typing habit, not an error.
    expect(checkDemoCard(card({ expiry: " 12 / 30 " }), at).ok).toBe(true);
  });

  it("takes a card as valid to the last moment of its expiry month, UTC", () => {
    const expired = { field: "expiry", message: "This card has expired." };
    // 11/26 in November 2026: still valid, to the last millisecond of the 30th.
    expect(checkDemoCard(card({ expiry: "11/26" }), new Date("2026-11-01T00:00:00Z")).ok).toBe(true);
    expect(checkDemoCard(card({ expiry: "11/26" }), new Date("2026-11-30T23:59:59.999Z")).ok).toBe(true);
    expect(refusal(card({ expiry: "11/26" }), new Date("2026-12-01T00:00:00Z"))).toEqual(expired);
    expect(refusal(card({ expiry: "10/26" }), at)).toEqual(expired);
    // December rolls over into the next year.
    expect(checkDemoCard(card({ expiry: "12/26" }), new Date("2026-12-31T23:59:59.999Z")).ok).toBe(true);
    expect(refusal(card({ expiry: "12/26" }), new Date("2027-01-01T00:00:00Z"))).toEqual(expired);
    // UTC, not the server's zone: 23:30 on the 30th in New York is already December in UTC.
    expect(refusal(card({ expiry: "11/26" }), new Date("2026-11-30T23:30:00-05:00"))).toEqual(expired);
    // February of a leap year ends on the 29th.
    expect(checkDemoCard(card({ expiry: "02/28" }), new Date("2028-02-29T12:00:00Z")).ok).toBe(true);
    expect(refusal(card({ expiry: "02/28" }), new Date("2028-03-01T00:00:00Z"))).toEqual(expired);
  });

  it("asks for 3 or 4 CVC digits", () => {
    const cvc = { field: "cvc", message: "Enter the 3 or 4 digits on the back of the card." };
    for (const value of ["", "12", "12345", "12a", "1 23"]) expect(refusal(card({ cvc: value })), value).toEqual(cvc);
    for (const value of ["123", "1234", " 123 "]) expect(checkDemoCard(card({ cvc: value }), at).ok, value).toBe(true);
  });

  it("names the first field at fault: number, then expiry, then CVC", () => {
    expect(refusal(card({ number: "1234", expiry: "xx", cvc: "" }))?.field).toBe("number");
    expect(refusal(card({ expiry: "01/20", cvc: "" }))?.field).toBe("expiry");
  });
});
