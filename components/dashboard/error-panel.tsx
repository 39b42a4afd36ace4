"use client";

import { useEffect } from "react";

/** What a failed page shows: what happened in plain words, and a way to try again. */
export function ErrorPanel({ title, error, retry }: { title: string; error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="rounded-xl border border-red-200 bg-red-50 p-6" data-testid="page-error">
      <h1 className="text-lg font-semibold text-red-900">{title}</h1>
      <p className="mt-1 text-sm text-red-800">
        Something went wrong on our side while loading this page. Your data is safe; try again in a moment.
        {error.digest ? <span className="mt-1 block text-xs text-red-700">Reference: {error.digest}</span> : null}
      </p>
      <button type="button" onClick={() => retry()} className="mt-4 rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800">
        Try again
      </button>
    </div>
  );
}
