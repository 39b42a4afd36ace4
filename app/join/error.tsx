"use client";

import { ErrorPage, errorReference } from "@/components/ui/error-page";

/** A referral page that fails: inside the public frame (company name, member sign-in). */
export default function JoinError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPage title="This page could not be loaded" reference={errorReference(error)} onRetry={retry} />;
}
