"use client";

import { ErrorPanel } from "@/components/dashboard/error-panel";

export default function TeamError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ErrorPanel title="Your team could not be loaded" error={error} retry={retry} />;
}
