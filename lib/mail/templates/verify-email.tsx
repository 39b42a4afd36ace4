import type { Brand } from "../brand";
import { EmailLayout } from "./layout";
import { Action, Para, Small, Title } from "./parts";
import type { MailTemplate } from "./types";

export interface VerifyEmailData {
  name: string;
  /** The sponsor whose team the member joins once verified; null: the company itself. */
  sponsorName: string | null;
  /** The absolute verification link (siteLink), carrying the single-use token. */
  url: string;
  /** How long the link works. */
  validHours: number;
}

// The link a new member follows to confirm their address and take their place in the team.
export const verifyEmail: MailTemplate<VerifyEmailData> = {
  subject: (_data, brand) => `Confirm your email for ${brand.name}`,
  Body: ({ data, brand }: { data: VerifyEmailData; brand: Brand }) => (
    <EmailLayout brand={brand} preview="Confirm your email to finish joining">
      <Title>Confirm your email</Title>
      <Para>Hello {data.name},</Para>
      <Para>
        {data.sponsorName
          ? `Confirm this address to join ${data.sponsorName}’s team at ${brand.name}.`
          : `Confirm this address to finish joining ${brand.name}.`}{" "}
        Until then your account has no place in the team.
      </Para>
      <Action brand={brand} href={data.url}>
        Confirm my email
      </Action>
      <Small>The link works once, for {data.validHours} hours. If you did not sign up, ignore this email: the account is deleted unless it is confirmed.</Small>
    </EmailLayout>
  ),
};
