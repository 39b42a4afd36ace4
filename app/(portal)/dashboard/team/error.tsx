"use client";

import { ErrorPage, errorReference } from "@/components/ui/error-page";

/** The team pages (list, member, tree) name what failed; the rest of the portal falls to app/(portal)/error.tsx. */
export default function TeamError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPage title="Your team could not be loaded" reference={errorReference(error)} onRetry={retry} />;
}
