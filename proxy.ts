// Only redirects the signed-out away from private pages (authConfig.callbacks.authorized);
// the real checks are in the data-access layer (requireUser / requireAdmin).
export { auth as proxy } from "@/lib/auth/edge";

export const config = {
  matcher: ["/dashboard/:path*", "/shop/:path*", "/admin/:path*"],
};
