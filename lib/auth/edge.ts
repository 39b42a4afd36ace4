import NextAuth from "next-auth";
import { authConfig, withSecret } from "./config";

// The provider-free Auth.js instance for proxy.ts: it can read a session, not sign anyone in.
export const { auth } = NextAuth(() => withSecret(authConfig));
