import { describe, expect, it } from "vitest";
import { z } from "zod";
import { referralCodeSchema, signUpFormValues, signUpSchema } from "./referrals";

const valid = { name: "  Ana Lima ", email: " Ana@Example.COM ", password: "ten-chars!", country: "BR", agreement: "on" };

function errorsOf(input: unknown) {
  const result = signUpSchema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
}

describe("signUpSchema", () => {
  it("accepts a valid signup, trimming the name and normalising the email", () => {
    expect(signUpSchema.parse(valid)).toEqual({ name: "Ana Lima", email: "ana@example.com", password: "ten-chars!", country: "BR", agreement: "on" });
  });

  it("keeps markup in a name as it is: it is text, escaped wherever shown", () => {
    expect(signUpSchema.parse({ ...valid, name: "<img src=x onerror=alert(1)>" }).name).toBe("<img src=x onerror=alert(1)>");
  });

  it.each([
    ["an empty name", { name: "   " }, "name", "Enter your name."],
    ["a name over 80 characters", { name: "x".repeat(81) }, "name", "Use at most 80 characters."],
    ["a bad email", { email: "ana@" }, "email", "Enter a valid email address."],
    ["a password under 10 characters", { password: "123456789" }, "password", "Choose a password of at least 10 characters."],
    ["a password over 200 characters", { password: "p".repeat(201) }, "password", "Use at most 200 characters."],
    ["an unknown country", { country: "XX" }, "country", "Choose your country."],
    ["a lowercase country", { country: "br" }, "country", "Choose your country."],
    ["no country", { country: undefined }, "country", "Choose your country."],
    ["the agreement unchecked", { agreement: undefined }, "agreement", "Accept the distributor agreement to join."],
    ["a forged agreement value", { agreement: "yes" }, "agreement", "Accept the distributor agreement to join."],
  ])("refuses %s", (_label, change, field, message) => {
    expect(errorsOf({ ...valid, ...change })).toEqual({ [field]: [message] });
  });

  it("accepts a name of exactly 80 and a password of exactly 10 and 200 characters", () => {
    expect(signUpSchema.safeParse({ ...valid, name: "n".repeat(80), password: "p".repeat(10) }).success).toBe(true);
    expect(signUpSchema.safeParse({ ...valid, password: "p".repeat(200) }).success).toBe(true);
  });

  it("reads only the form's own fields, and no sponsor from the form", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(valid)) form.set(k, v);
    form.set("sponsorId", "1");
    form.set("code", "someone-else");
    expect(Object.keys(signUpFormValues(form)).sort()).toEqual(["agreement", "country", "email", "name", "password"]);
    expect(signUpFormValues(new FormData())).toEqual({ name: undefined, email: undefined, password: undefined, country: undefined, agreement: undefined });
  });
});

describe("referralCodeSchema", () => {
  it.each([
    ["Dana-Rivers", "dana-rivers"],
    ["  team-dana-2 ", "team-dana-2"],
    ["abc", "abc"],
    ["a".repeat(32), "a".repeat(32)],
  ])("accepts %j as %j", (input, code) => {
    expect(referralCodeSchema.parse({ code: input })).toEqual({ code });
  });

  it.each(["ab", "a".repeat(33), "-dana", "dana-", "dana rivers", "dana_rivers", "dána", "", "x".repeat(100)])(
    "refuses %j with the format message",
    (input) => {
      const result = referralCodeSchema.safeParse({ code: input });
      expect(result.success).toBe(false);
      expect(result.success ? null : z.flattenError(result.error).fieldErrors.code?.[0]).toMatch(/^Use 3 to 32 letters, digits and hyphens/);
    },
  );

  it("refuses a missing code", () => {
    expect(referralCodeSchema.safeParse({ code: null }).success).toBe(false);
  });
});
