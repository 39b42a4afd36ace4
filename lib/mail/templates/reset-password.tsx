import type { Brand } from "../brand";
import { EmailLayout } from "./layout";
import { Action, Para, Small, Title } from "./parts";
import type { MailTemplate } from "./types";

export interface ResetPasswordData {
  name: string;
  /** The absolute reset link, with its single-use token. */
  url: string;
}

// The link of "Forgot your password?": single use, for an hour.
export const resetPasswordEmail: MailTemplate<ResetPasswordData> = {
  subject: (_data, brand) => `Reset your ${brand.name} password`,
  Body: ({ data, brand }: { data: ResetPasswordData; brand: Brand }) => (
    <EmailLayout brand={brand} preview="A link to choose a new password. It works once, for an hour.">
      <Title>Reset your password</Title>
      <Para>Hello {data.name},</Para>
      <Para>Someone, hopefully you, asked to reset the password of your {brand.name} distributor account. Choose a new one here:</Para>
      <Action brand={brand} href={data.url}>
        Choose a new password
      </Action>
      <Small>The link works once, for an hour. Choosing a new password signs your account out on every device.</Small>
      <Small>If you did not ask for this, ignore this email: your password stays as it is.</Small>
    </EmailLayout>
  ),
};
