"use server";

import { cookies, headers } from "next/headers";
import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { readAttribution } from "@/lib/data/referrals";
import { requestClientAddress } from "@/lib/http/request";
import { attributionCookieName } from "@/lib/referrals/attribution-cookie";
import { signUpDistributor as signUp } from "@/lib/referrals/sign-up";
import { signUpFormValues } from "@/lib/validation/referrals";
import { firstErrors } from "../result";
import type { SignUpState } from "./types";

function refill(formData: FormData): NonNullable<SignUpState["values"]> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.slice(0, 254) : "";
  };
  return { name: text("name"), email: text("email"), country: text("country"), agreement: formData.get("agreement") === "on" };
}

/**
 * Joins a prospect to a team. `linkCode` is bound on the server from the page's
 * URL (null on /join): the sponsor is resolved from it here, never taken from a
 * form field, so editing the form cannot change it. A tampered code is simply
 * another link, resolved and validated like any other. Success signs no one
 * in: the account waits for its email to be verified.
 */
export async function signUpDistributor(linkCode: string | null, _prev: SignUpState, formData: FormData): Promise<SignUpState> {
  const values = refill(formData);
  if (await getViewer()) {
    return { ok: false, message: "You are already signed in as a member. Sign out first to create another account.", values };
  }
  const code = typeof linkCode === "string" ? linkCode : null;
  const outcome = await signUp(await getDb(), {
    ip: requestClientAddress(await headers()),
    linkCode: code,
    cookie: code === null ? await readAttribution() : null,
    form: signUpFormValues(formData),
    browserTimeZone: formData.get("timeZone"),
    now: now(),
  });

  if (!outcome.ok) {
    switch (outcome.reason) {
      case "rate-limited":
        return { ok: false, message: "Too many signups from your network just now. Wait a minute, then try again.", values };
      case "invalid":
        return { ok: false, message: "Check the highlighted fields.", fieldErrors: firstErrors(outcome.fieldErrors), values };
      case "link-invalid":
        return { ok: false, message: "This link is not valid any more. You can still join the company directly.", values };
      case "closed":
        return { ok: false, message: "Joining is not open right now. Please try again later.", values };
    }
  }

  // The attribution is used up: a later signup on this device starts afresh.
  (await cookies()).delete(attributionCookieName);
  // The same answer whether the email was free or already had an account (its owner got an email instead).
  return { ok: true, checkInbox: outcome.email };
}
