import { Button, Heading, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Brand } from "../brand";

// Small pieces the templates share, so they look alike.

export function Title({ children }: { children: ReactNode }) {
  return <Heading style={{ fontSize: "20px", lineHeight: "28px", margin: "16px 0 8px" }}>{children}</Heading>;
}

export function Para({ children }: { children: ReactNode }) {
  return <Text style={{ fontSize: "15px", lineHeight: "24px", margin: "8px 0" }}>{children}</Text>;
}

export function Small({ children }: { children: ReactNode }) {
  return <Text style={{ fontSize: "13px", lineHeight: "20px", color: "#52525b", margin: "8px 0" }}>{children}</Text>;
}

/** The one call to action: a large button, with the address written out below for clients that hide buttons. */
export function Action({ brand, href, children }: { brand: Brand; href: string; children: ReactNode }) {
  return (
    <>
      <Button
        href={href}
        style={{
          backgroundColor: brand.color,
          color: "#ffffff",
          borderRadius: "6px",
          padding: "12px 20px",
          fontSize: "15px",
          fontWeight: 600,
          margin: "12px 0",
        }}
      >
        {children}
      </Button>
      <Small>
        Or open this address: <span style={{ wordBreak: "break-all" }}>{href}</span>
      </Small>
    </>
  );
}
