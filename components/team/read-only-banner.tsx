import Link from "next/link";

/** Shown on every page an admin opens for another distributor: nothing here changes anything. */
export function ReadOnlyBanner({ ownerName, basePath }: { ownerName: string; basePath: string }) {
  return (
    <p role="note" className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="read-only-banner">
      Viewing{" "}
      <Link prefetch={false} href={basePath} className="font-semibold underline">
        {ownerName}
      </Link>
      &rsquo;s dashboard as an administrator, read-only.{" "}
      <Link prefetch={false} href="/admin/distributors" className="underline">
        All distributors
      </Link>
    </p>
  );
}
