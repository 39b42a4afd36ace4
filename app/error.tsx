"use client";

import { ErrorPage, errorReference } from "@/components/ui/error-page";

/**
 * The root segment's pages (sign-in, the agreement), and a failing frame of the
 * portal or the join pages (their layouts sit above their own error.tsx): alone
 * on the screen, inside the root layout.
 */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPage standalone title="This page could not be loaded" reference={errorReference(error)} onRetry={retry} />;
}
