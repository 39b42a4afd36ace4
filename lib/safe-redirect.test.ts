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
    // Found by the security review: a tab, newline or carriage return after the
    // first slash (browsers drop them, leaving "//host"), backslashes, and paths
    // that resolve to "//host".
    ["/\t/evil.example/phish", "/dashboard"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/\n/evil.example", "/dashboard"],
    ["/\r\nSet-Cookie:x=1", "/dashboard"],
    ["/\u0000", "/dashboard"],
    ["/.//evil.example", "/dashboard"],
    ["/x/..//evil.example", "/dashboard"],
    ["http://localhost:3000//evil.example/x", "/dashboard"],
    ["\\evil.example", "/dashboard"],
    ["evil.example", "/dashboard"],
    ["/dashboard/../admin", "/admin"],
    [undefined, "/dashboard"],
    [["/a", "/b"], "/dashboard"],
  ])("maps %j to %j", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
