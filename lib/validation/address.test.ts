import { describe, expect, it } from "vitest";
import { parseShippingAddress } from "./address";

const shippable = new Set(["US", "CA", "GB"]);
const us = { shipName: "Pat Buyer", shipLine1: "1 Main St", shipCity: "Springfield", shipRegion: "IL", shipPostalCode: "62701", shipCountry: "US" };

describe("a shipping address", () => {
  it("is accepted as its country writes it, postal code normalised", () => {
    expect(parseShippingAddress({ ...us, shipCountry: "CA", shipRegion: "ON", shipPostalCode: "k1a  0b1" }, shippable)).toEqual({
      ok: true,
      address: { name: "Pat Buyer", line1: "1 Main St", city: "Springfield", region: "ON", postalCode: "K1A 0B1", country: "CA" },
    });
    // The UK has no required region.
    expect(parseShippingAddress({ ...us, shipCountry: "GB", shipRegion: "", shipPostalCode: "SW1A 1AA" }, shippable).ok).toBe(true);
  });

  it("names every field at fault in one round, the country's rules included", () => {
    expect(parseShippingAddress({ ...us, shipLine1: "", shipRegion: "", shipPostalCode: "123" }, shippable)).toEqual({
      ok: false,
      fieldErrors: { shipLine1: "Enter the street address.", shipRegion: "Enter the state.", shipPostalCode: "Enter a valid ZIP code, like 94103." },
    });
  });

  it("refuses a country the company does not ship to, and hostile text", () => {
    expect(parseShippingAddress({ ...us, shipCountry: "FR" }, shippable)).toMatchObject({
      ok: false,
      fieldErrors: { shipCountry: expect.stringMatching(/do not ship/) },
    });
    expect(parseShippingAddress({ ...us, shipCountry: "us" }, shippable)).toMatchObject({ ok: false, fieldErrors: { shipCountry: "Choose a country." } });
    expect(parseShippingAddress({ ...us, shipCity: "Spring\u0000field" }, shippable)).toMatchObject({
      ok: false,
      fieldErrors: { shipCity: expect.any(String) },
    });
    expect(parseShippingAddress({ ...us, shipPostalCode: "9".repeat(40) }, shippable)).toMatchObject({
      ok: false,
      fieldErrors: { shipPostalCode: "Use at most 16 characters." },
    });
  });
});
