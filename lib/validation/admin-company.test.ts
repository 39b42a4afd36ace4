import { describe, expect, it } from "vitest";
import { companyIdentitySchema, contrastWithWhite } from "./admin-company";

describe("the company identity form", () => {
  it("accepts a name and a dark colour, normalised", () => {
    expect(companyIdentitySchema.parse({ name: "  Verdant Wellness ", brandColor: "#0F766E", timeZone: "Europe/Paris" })).toEqual({
      name: "Verdant Wellness",
      brandColor: "#0f766e",
      timeZone: "Europe/Paris",
    });
  });

  it("refuses a colour white text cannot be read on, a malformed colour, and control characters", () => {
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1);
    expect(contrastWithWhite("#000000")).toBeCloseTo(21);
    const errors = (input: { name: string; brandColor: string; timeZone?: string }) =>
      companyIdentitySchema.safeParse({ timeZone: "UTC", ...input }).error?.issues.map((i) => i.message);
    expect(errors({ name: "Verdant", brandColor: "#facc15" })).toEqual(["Too light: white text on it would be hard to read. Choose a darker colour."]);
    expect(errors({ name: "Verdant", brandColor: "green" })?.[0]).toMatch(/six hex digits/);
    expect(errors({ name: "Ver\u0000dant", brandColor: "#047857" })?.[0]).toMatch(/control characters/);
    expect(errors({ name: "V", brandColor: "#047857" })?.[0]).toMatch(/at least 2/);
    expect(errors({ name: "Verdant", brandColor: "#047857", timeZone: "Mars/Olympus_Mons" })).toEqual([
      "Choose a time zone from the list, such as Europe/Paris or America/New_York.",
    ]);
  });
});
