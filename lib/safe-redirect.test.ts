import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    ["/dashboard/team", "/dashboard/team"],
    ["/dashboard/team?gen=2", "/dashboard/team?gen=2"],
    ["http://localhost:3000/dashboard/orders", "/dashboard/orders"],
    ["https://evil.example/dashboard", "/dashboard"],
    ["//evil.example/x", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
    ["/sign-in", "/dashboard"],
    ["/api/auth/signout", "/dashboard"],
    [undefined, "/dashboard"],
    [["/a", "/b"], "/dashboard"],
  ])("maps %j to %j", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
