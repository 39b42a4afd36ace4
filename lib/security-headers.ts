// The response headers every page carries. The Content Security Policy is per
// request: proxy.ts makes a fresh nonce, and Next.js puts it on the scripts it
// renders when it finds the policy among the request's headers.

/**
 * The policy for a page. Scripts: only this site's, and inline ones carrying
 * the nonce (with 'strict-dynamic', scripts they load inherit the trust).
 * Styles allow inline ones: React and the charts set style attributes, which
 * a nonce cannot cover. Images may come from https (a product's image URL)
 * and data: (the QR codes). Nothing may frame a page; a page may frame only
 * this site (the outbox shows a message's HTML from its own route, under
 * `emailFramePolicy`). Forms post only here, and to Stripe's checkout when
 * Stripe is on (`stripe`).
 */
export function contentSecurityPolicy(nonce: string, { development = false, https = false, stripe = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // A pay form's answer redirects to Stripe's checkout when Stripe takes payments: form-action covers that redirect.
    `form-action 'self'${stripe ? " https://checkout.stripe.com" : ""}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The policy of a stored email's HTML (/admin/outbox/<id>/html): an email is
 * someone else's markup as far as the portal goes, so it runs nothing (no
 * scripts, no forms, no plugins; sandboxed even when opened on its own), may
 * show images and its inline styles, and may be framed by this site only.
 */
export const emailFramePolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src https: data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "sandbox",
].join("; ");

/** The path of that route: next.config.ts and proxy.ts leave its framing headers to it. */
export const emailFramePath = /^\/admin\/outbox\/[0-9]{1,9}\/html$/;

/** The other security headers, the same for every response (next.config.ts sets them, static files included). */
export const staticSecurityHeaders: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
];

/** HSTS, for responses served over https only (a browser ignores it over http, and it must not pin a plain-http demo). */
export const strictTransportSecurity = "max-age=63072000; includeSubDomains";

/** The nonce in a page's policy (the request header proxy.ts sets), for an inline script of our own: next-themes' one. */
export function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];
}

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
