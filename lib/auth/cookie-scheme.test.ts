import { describe, expect, it } from "vitest";
import { secureSessionCookie } from "./cookie-scheme";

describe("which session cookie counts", () => {
  it("over https only the __Secure- cookie, even when a plain one is all there is", () => {
    expect(secureSessionCookie("https", "authjs.session-token=planted")).toBe(true);
    expect(secureSessionCookie("https,http", "")).toBe(true);
    expect(secureSessionCookie("HTTPS", "authjs.session-token=x")).toBe(true);
  });

  it("over http the plain one, unless a __Secure- one (only https can set it) is present", () => {
    expect(secureSessionCookie("http", "authjs.session-token=x")).toBe(false);
    expect(secureSessionCookie(null, "authjs.session-token=x")).toBe(false);
    expect(secureSessionCookie("http", "a=1; __Secure-authjs.session-token=x")).toBe(true);
    expect(secureSessionCookie("http", "__Secure-authjs.session-token.0=x; __Secure-authjs.session-token.1=y")).toBe(true);
  });

  it("reads names, never values: a callback URL naming the cookie changes nothing", () => {
    expect(secureSessionCookie("http", "authjs.callback-url=%2F__Secure-authjs.session-token; authjs.session-token=x")).toBe(false);
    expect(secureSessionCookie("http", "authjs.callback-url=/__Secure-authjs.session-token=; authjs.session-token=x")).toBe(false);
  });
});
