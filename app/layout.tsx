import type { Metadata, Viewport } from "next";
import { Toaster } from "@/components/ui/toaster";
import { injectFault } from "@/lib/e2e-faults";
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
  return (
    <html lang="en">
      <body className="min-h-dvh">
        {children}
        <Toaster />
      </body>
    </html>
  );
}
