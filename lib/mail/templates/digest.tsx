import { Link, Section, Text } from "@react-email/components";
import type { Brand } from "../brand";
import { EmailLayout } from "./layout";
import { Action, Para, Small, Title } from "./parts";
import type { MailTemplate } from "./types";

export interface DigestItem {
  title: string;
  /** The notification's first paragraph. */
  line: string;
  /** A path in the portal, e.g. "/dashboard/team". */
  href: string | null;
}

export interface DigestData {
  /** The day it summarises up to, "2026-06-16". */
  date: string;
  items: DigestItem[];
  /** Notifications in it beyond the ones listed (see them in the portal). */
  more: number;
}

function updates(n: number): string {
  return n === 1 ? "1 update" : `${n} updates`;
}

// The daily digest: the notifications a user chose to get by email once a day, in one message.
export const digestEmail: MailTemplate<DigestData> = {
  subject: (data) => `Your daily summary: ${updates(data.items.length + data.more)}`,
  Body: ({ data, brand, unsubscribeUrl }: { data: DigestData; brand: Brand; unsubscribeUrl?: string }) => (
    <EmailLayout brand={brand} preview={data.items[0]?.title ?? "Your daily summary"} unsubscribeUrl={unsubscribeUrl}>
      <Title>Your daily summary</Title>
      <Para>Since your last summary: {updates(data.items.length + data.more)}.</Para>
      {data.items.map((item, i) => (
        <Section key={i} style={{ borderTop: "1px solid #e4e4e7", padding: "8px 0" }}>
          <Text style={{ fontSize: "15px", lineHeight: "22px", fontWeight: 600, margin: "4px 0" }}>
            {item.href ? (
              <Link href={`${brand.siteUrl}${item.href}`} style={{ color: "#18181b", textDecoration: "underline" }}>
                {item.title}
              </Link>
            ) : (
              item.title
            )}
          </Text>
          {item.line ? <Text style={{ fontSize: "14px", lineHeight: "20px", color: "#3f3f46", margin: "0 0 4px" }}>{item.line}</Text> : null}
        </Section>
      ))}
      {data.more > 0 ? <Small>And {updates(data.more)} more in the portal.</Small> : null}
      <Action brand={brand} href={`${brand.siteUrl}/dashboard/notifications`}>
        See all notifications
      </Action>
    </EmailLayout>
  ),
};
