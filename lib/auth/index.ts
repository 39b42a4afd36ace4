import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticate } from "./authenticate";
import { authConfig, withSecret } from "./config";
import { signInSchema } from "@/lib/validation/auth";

export const { handlers, auth, signIn, signOut } = NextAuth(() =>
  withSecret({
    ...authConfig,
    logger: {
      // A failed sign-in is an expected outcome, not a server error worth a stack trace.
      error(error) {
        if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
        console.error(error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(raw) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) throw new CredentialsSignin();
          const user = await authenticate(parsed.data.email, parsed.data.password);
          // One answer for an unknown email and a wrong password.
          if (!user) throw new CredentialsSignin();
          return { id: String(user.id), email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
        },
      }),
    ],
  }),
);
