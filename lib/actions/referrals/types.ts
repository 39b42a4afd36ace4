import type { ActionResult } from "../result";
import type { SignUpField } from "@/lib/validation/referrals";

/** The signup form's state: the usual result, plus what to refill (never the password). */
export interface SignUpState extends ActionResult<SignUpField> {
  values?: { name: string; email: string; country: string; agreement: boolean };
  /** The email belongs to an account: the form offers to sign in instead. */
  duplicateEmail?: boolean;
}

export interface ChangeCodeState extends ActionResult<"code"> {
  /** The code typed, refilled after an error. */
  value?: string;
}
