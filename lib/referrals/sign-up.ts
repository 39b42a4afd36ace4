import { z } from "zod";
import type { Database } from "@/db/client";
import { agreementVersion } from "@/lib/agreement";
import { hashPassword as defaultHashPassword } from "@/lib/auth/password";
import { signUpSchema, type SignUpField } from "@/lib/validation/referrals";
import { createPendingAccount, queueEmailInUse } from "@/lib/accounts/verify";
import { emailTaken, type SignupSource } from "./accounts";
import type { Attribution } from "./attribution-cookie";
import { resolveAttribution, resolveReferralCode, type SponsorRecord } from "./codes";
import { consumeRateLimit, signupRateLimit } from "./rate-limit";
import { findRootDistributor } from "./team";
import { getCompanyIdentity } from "@/lib/admin/company";
import { browserTimeZoneOr } from "@/lib/time-zone";

export interface SignUpRequest {
  /** The client's IP, for the rate limit. */
  ip: string;
  /** The code from the page's URL (/join/[code]), or null on /join. */
  linkCode: string | null;
  /** The verified attribution cookie (its code and when it was set), used only on /join. */
  cookie: Attribution | null;
  /** The raw form fields. */
  form: Record<SignUpField, unknown>;
  /** The browser's time zone from the form's hidden field, unchecked (the company's zone replaces a bad one). */
  browserTimeZone?: unknown;
  /** When the prospect signs up (the rate limit's window, the join date). */
  now: Date;
}

/**
 * `ok` is also the answer for an email that already has an account: the
 * prospect is told to check their inbox either way, and the owner gets an email.
 */
export type SignUpOutcome =
  | { ok: true; email: string }
  | { ok: false; reason: "rate-limited" | "link-invalid" | "closed" }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<SignUpField, string[]>> };

export interface SignUpDeps {
  hashPassword: (password: string) => Promise<string>;
}

/** The sponsor on the server: the link's code, else the cookie's, else the company's root. */
async function chooseSponsor(db: Database, req: SignUpRequest): Promise<{ sponsor: SponsorRecord; via: SignupSource } | null> {
  if (req.linkCode !== null) {
    const resolved = await resolveReferralCode(db, req.linkCode, req.now);
    return resolved.kind === "invalid" ? null : { sponsor: resolved.sponsor, via: "link" };
  }
  if (req.cookie !== null) {
    // A cookie whose sponsor has since gone (or whose code is now someone else's) falls back to the root, as if absent.
    const sponsor = await resolveAttribution(db, req.cookie, req.now);
    if (sponsor) return { sponsor, via: "cookie" };
  }
  const root = await findRootDistributor(db);
  return root ? { sponsor: root, via: "direct" } : null;
}

/**
 * The whole signup: rate limit (before anything costly, password hashing
 * above all), validation, the sponsor, then the unverified account, its
 * pending enrolment and the verification email (lib/accounts/verify.ts).
 * An email that already has an account gets the same answer, after the same
 * work (the password is hashed either way, so timing tells nothing either),
 * and its owner an email. Every attempt counts against the limit.
 */
export async function signUpDistributor(db: Database, req: SignUpRequest, deps: SignUpDeps = { hashPassword: defaultHashPassword }): Promise<SignUpOutcome> {
  const { now } = req;
  const limit = await consumeRateLimit(db, `signup:${req.ip}`, signupRateLimit, now);
  if (!limit.allowed) return { ok: false, reason: "rate-limited" };

  const parsed = signUpSchema.safeParse(req.form);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const input = parsed.data;

  const choice = await chooseSponsor(db, req);
  if (!choice) return { ok: false, reason: req.linkCode !== null ? "link-invalid" : "closed" };
  const passwordHash = await deps.hashPassword(input.password);
  const created = (await emailTaken(db, input.email))
    ? ({ ok: false, reason: "duplicate-email" } as const)
    : await createPendingAccount(db, {
        name: input.name,
        email: input.email,
        passwordHash,
        country: input.country,
        sponsorId: choice.sponsor.distributorId,
        enrolledVia: choice.via,
        agreementVersion,
        timeZone: browserTimeZoneOr(req.browserTimeZone, (await getCompanyIdentity(db)).timeZone),
        at: now,
      });
  if (!created.ok) await queueEmailInUse(db, input.email, now);
  return { ok: true, email: input.email };
}
