import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // PGlite loads its wasm and data files via import.meta.url; bundling breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Every response, static files and route handlers included; the pages' Content
  // Security Policy is per request (proxy.ts).
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders },
      // The outbox shows a message's HTML in a frame of its own page (the route sets its own policy, frame-ancestors 'self').
      { source: "/admin/outbox/:id/html", headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }] },
    ];
  },
};

export default nextConfig;
