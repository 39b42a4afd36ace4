import type { Brand } from "../brand";
import { EmailLayout } from "./layout";
import { Action, Para, Small, Title } from "./parts";
import type { MailTemplate } from "./types";

export interface ChangeEmailData {
  name: string;
  /** The address being confirmed (this message's recipient). */
  newEmail: string;
  /** The absolute confirmation link, with its single-use token. */
  url: string;
}

// Sent to the new address of an email change: the change happens only when it is confirmed from here.
export const changeEmailEmail: MailTemplate<ChangeEmailData> = {
  subject: (_data, brand) => `Confirm your new ${brand.name} sign-in email`,
  Body: ({ data, brand }: { data: ChangeEmailData; brand: Brand }) => (
    <EmailLayout brand={brand} preview={`Confirm ${data.newEmail} as the email of your account.`}>
      <Title>Confirm your new email address</Title>
      <Para>Hello {data.name},</Para>
      <Para>
        You asked to sign in to your {brand.name} distributor account with {data.newEmail} from now on. Confirm it is yours:
      </Para>
      <Action brand={brand} href={data.url}>
        Confirm this address
      </Action>
      <Small>The link works once, for 24 hours. Until you confirm, your account keeps its current email.</Small>
      <Small>If you did not ask for this, ignore this email: nothing changes.</Small>
    </EmailLayout>
  ),
};
