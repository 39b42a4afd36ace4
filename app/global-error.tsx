"use client";

// global-error replaces the root layout, so it brings the stylesheet and the
// viewport itself (the root layout's `viewport` export does not reach it).
import "./globals.css";
import { ErrorPage, errorReference } from "@/components/ui/error-page";

/** When the root layout itself fails: the only boundary above it, so it renders the whole document. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Something went wrong · Lineage</title>
      </head>
      <body className="min-h-dvh">
        <ErrorPage standalone title="Lineage could not be loaded" reference={errorReference(error)} onRetry={retry} />
      </body>
    </html>
  );
}
