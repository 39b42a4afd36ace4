import type { NextAuthConfig } from "next-auth";
import { authSecret } from "@/lib/env";
import type { UserRole } from "@/db/schema/users";

declare module "next-auth" {
  interface User {
    role?: UserRole;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; role: UserRole; name: string; email: string; sv: number | null };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: UserRole;
    /** The user's session version at sign-in (users.session_version): a raised version revokes this token. */
    sv?: number;
  }
}

// The provider-free part of the Auth.js configuration, shared with proxy.ts.
// The secret is added when a request first needs it (see withSecret), so a
// build never needs, nor mints, one.
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [],
  callbacks: {
    // proxy.ts uses this to send the signed-out to the sign-in page. It only
    // redirects: every page and action checks the session itself (lib/auth/session.ts).
    authorized: ({ auth }) => Boolean(auth?.user),
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = token.role === "admin" ? "admin" : "distributor";
      session.user.sv = typeof token.sv === "number" ? token.sv : null;
      return session;
    },
  },
} satisfies NextAuthConfig;

/** The configuration with its secret, read (or, on the embedded database, generated) at first use. */
export function withSecret<T extends NextAuthConfig>(config: T): T {
  return { ...config, secret: authSecret() };
}
