import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Brand } from "../brand";

// The frame of every email: the company's name in its colour, one column that
// reads on a phone (at most 560 px wide), and a footer that says why it came.
export function EmailLayout({ brand, preview, children, unsubscribeUrl }: { brand: Brand; preview: string; children: ReactNode; unsubscribeUrl?: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "16px 0" }}>
        <Container style={{ maxWidth: "560px", width: "100%", backgroundColor: "#ffffff", borderRadius: "8px", overflow: "hidden" }}>
          <Section style={{ backgroundColor: brand.color, padding: "16px 24px" }}>
            <Text style={{ color: "#ffffff", fontSize: "18px", fontWeight: 700, margin: 0 }}>{brand.name}</Text>
          </Section>
          <Section style={{ padding: "8px 24px 16px", color: "#18181b", fontSize: "15px", lineHeight: "24px" }}>{children}</Section>
          <Hr style={{ borderColor: "#e4e4e7", margin: 0 }} />
          <Section style={{ padding: "12px 24px", color: "#71717a", fontSize: "12px", lineHeight: "18px" }}>
            <Text style={{ margin: 0 }}>
              Sent by {brand.name} through its distributor portal, <Link href={brand.siteUrl}>{new URL(brand.siteUrl).host}</Link>.
            </Text>
            {unsubscribeUrl ? (
              <Text style={{ margin: "4px 0 0" }}>
                Don&apos;t want these? <Link href={unsubscribeUrl}>Unsubscribe</Link> or choose what you get in your{" "}
                <Link href={`${brand.siteUrl}/dashboard/notifications/settings`}>notification settings</Link>.
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
