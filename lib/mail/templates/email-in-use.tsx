import type { Brand } from "../brand";
import { EmailLayout } from "./layout";
import { Action, Para, Small, Title } from "./parts";
import type { MailTemplate } from "./types";

export interface EmailInUseData {
  name: string;
}

// Sent to an account's owner when someone signs up with their address: the
// signup form gives everyone the same answer, so only the owner learns of it.
export const emailInUse: MailTemplate<EmailInUseData> = {
  subject: (_data, brand) => `Someone tried to join ${brand.name} with your email`,
  Body: ({ data, brand }: { data: EmailInUseData; brand: Brand }) => (
    <EmailLayout brand={brand} preview="Your address already has an account">
      <Title>Your address already has an account</Title>
      <Para>Hello {data.name},</Para>
      <Para>Someone just tried to create a new {brand.name} account with this email address. It already has an account, so nothing was created.</Para>
      <Para>If it was you, sign in instead; if you forgot your password, reset it from the sign-in page.</Para>
      <Action brand={brand} href={`${brand.siteUrl}/sign-in`}>
        Sign in
      </Action>
      <Small>If it was not you, you can ignore this email: your account has not changed.</Small>
    </EmailLayout>
  ),
};
