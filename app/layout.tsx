import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { ThemeProvider } from "next-themes";
import { Toaster } from "@/components/ui/toaster";
import { injectFault } from "@/lib/e2e-faults";
import { nonceOf } from "@/lib/security-headers";
import "./globals.css";

// Every page reads the database at request time: never prerender one at build
// time (that would open, and lock, the embedded database from the build).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Lineage", template: "%s · Lineage" },
  description: "The distributor portal: your team, your volumes, your earnings.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#047857" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await injectFault("root-layout");
  // next-themes sets the theme class from an inline script before the page paints: the policy allows it by its nonce.
  const nonce = nonceOf((await headers()).get("content-security-policy"));
  return (
    // The theme class is set on <html> before React hydrates: the server cannot know it.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh">
        <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
          {children}
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
