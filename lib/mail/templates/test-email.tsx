import type { Brand } from "../brand";
import { EmailLayout } from "./layout";
import { Para, Small, Title } from "./parts";
import type { MailTemplate } from "./types";

export interface TestEmailData {
  /** The admin who asked for it. */
  requestedBy: string;
}

// The admin outbox's "Send a test email": proves the mail setup end to end (an SMTP server's acceptance, or the outbox).
export const testEmail: MailTemplate<TestEmailData> = {
  subject: (_data, brand) => `Test email from ${brand.name}`,
  Body: ({ data, brand }: { data: TestEmailData; brand: Brand }) => (
    <EmailLayout brand={brand} preview="Mail from the portal reaches this address.">
      <Title>Mail from the portal works</Title>
      <Para>
        {data.requestedBy} sent this test message from the admin outbox of {brand.name}&apos;s portal. If you can read it, the portal&apos;s mail reaches this
        address.
      </Para>
      <Small>Nothing else needs doing: you can delete this message.</Small>
    </EmailLayout>
  ),
};
