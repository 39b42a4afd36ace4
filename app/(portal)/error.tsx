"use client";

import { ErrorPage, errorReference } from "@/components/ui/error-page";

/** Any signed-in page (dashboard, shop, admin) that fails: inside the portal's header and navigation. */
export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPage title="This page could not be loaded" reference={errorReference(error)} onRetry={retry} />;
}
