"use client";

import { ErrorPanel } from "@/components/dashboard/error-panel";

export default function DashboardError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ErrorPanel title="This page could not be loaded" error={error} retry={retry} />;
}
