import type { Brand } from "../brand";
import { EmailLayout } from "./layout";
import { Action, Para, Title } from "./parts";
import type { MailTemplate } from "./types";

export interface NotificationData {
  title: string;
  /** Paragraphs. */
  body: string[];
  /** A path in the portal to act on it, e.g. "/dashboard/team". */
  href?: string | null;
  action?: string;
}

// One notification by email (a new team member, a rank, earnings, a payout, an announcement).
export const notificationEmail: MailTemplate<NotificationData> = {
  subject: (data) => data.title,
  Body: ({ data, brand, unsubscribeUrl }: { data: NotificationData; brand: Brand; unsubscribeUrl?: string }) => (
    <EmailLayout brand={brand} preview={data.body[0] ?? data.title} unsubscribeUrl={unsubscribeUrl}>
      <Title>{data.title}</Title>
      {data.body.map((p, i) => (
        <Para key={i}>{p}</Para>
      ))}
      {data.href ? (
        <Action brand={brand} href={`${brand.siteUrl}${data.href}`}>
          {data.action ?? "Open the portal"}
        </Action>
      ) : null}
    </EmailLayout>
  ),
};
