import { describe, expect, it } from "vitest";
import { guessCountry } from "./countries";

describe("guessCountry", () => {
  it.each([
    ["en-GB,en;q=0.9", "GB"],
    ["fr,fr-CA;q=0.8", "CA"],
    ["pt-br", "BR"],
    ["en", null],
    ["en-XX", null],
    [null, null],
  ])("guesses %j as %j", (header, country) => {
    expect(guessCountry(header)).toBe(country);
  });
});
