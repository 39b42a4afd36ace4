import type { ActionResult } from "../result";
import type { SignUpField } from "@/lib/validation/referrals";

/** The signup form's state: the usual result, plus what to refill (never the password). */
export interface SignUpState extends ActionResult<SignUpField> {
  values?: { name: string; email: string; country: string; agreement: boolean };
  /** Done: the address the verification link went to (or, had it an account, the owner's notice). */
  checkInbox?: string;
}

export interface ChangeCodeState extends ActionResult<"code"> {
  /** The code typed, refilled after an error. */
  value?: string;
}
