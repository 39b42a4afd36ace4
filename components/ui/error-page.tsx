"use client";

import Link from "next/link";
import { Button, buttonClass } from "./button";
import { useEffect, useId, useState } from "react";

/**
 * The reference to quote to support: the digest Next gives an error thrown on
 * the server, the same one it prints with the error in the server log. An error
 * thrown in the browser has none (and nothing about it reached the server).
 */
export function errorReference(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" && error.digest !== "" ? error.digest : undefined;
}

interface ErrorPageProps {
  title: string;
  reference: string | undefined;
  onRetry: () => void;
  /** Alone on the screen (no header or navigation around it): centred, and the page's <main>. */
  standalone?: boolean;
}

/**
 * What every error boundary shows: what happened in plain words, the reference,
 * a way to try again and a way out. Never the error's message or stack: in
 * production a server error's message is a generic one anyway, and a browser
 * error's could say anything.
 */
export function ErrorPage({ title, reference, onRetry, standalone = false }: ErrorPageProps) {
  const headingId = useId();
  const unavailable = useUnavailable(reference !== undefined);
  const card = (
    <section aria-labelledby={headingId} className="w-full max-w-xl rounded-xl border border-red-200 bg-red-50 p-5 sm:p-6" data-testid="page-error">
      <div role="alert">
        <h1 id={headingId} className="text-lg font-semibold text-red-900">
          {unavailable ? "Lineage is temporarily unavailable" : title}
        </h1>
        {unavailable ? (
          <p className="mt-1 text-sm text-red-800">
            We cannot reach our database just now, so nothing was charged and nothing changed. Your data is safe: try again in a few minutes. A payment you
            already completed on the payment provider&rsquo;s page is kept, and shows once we are back.
          </p>
        ) : (
          <p className="mt-1 text-sm text-red-800">Something went wrong on our side. Your data is safe: try again in a moment.</p>
        )}
      </div>
      {reference ? (
        <p className="mt-3 text-sm text-red-800">
          Reference:{" "}
          <code className="font-mono break-all text-red-900" data-testid="error-reference">
            {reference}
          </code>{" "}
          — quote it to support.
        </p>
      ) : null}
      <div className="mt-5 flex flex-col gap-3 sm:flex-row">
        <Button variant="destructive" onClick={onRetry}>
          Try again
        </Button>
        <Link href="/" className={buttonClass({ variant: "destructive-outline" })}>
          Go to the home page
        </Link>
      </div>
    </section>
  );
  if (!standalone) return card;
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
      {card}
    </main>
  );
}

/**
 * Whether the server says it cannot serve for now (/api/status: its database
 * is gone or out of space), asked once when a server error is shown; false
 * until it answers, and when it cannot be asked.
 */
function useUnavailable(serverError: boolean): boolean {
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    if (!serverError) return;
    const controller = new AbortController();
    fetch("/api/status", { cache: "no-store", signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ available?: unknown }>) : null))
      .then((body) => setUnavailable(body?.available === false))
      .catch(() => undefined);
    return () => controller.abort();
  }, [serverError]);
  return unavailable;
}
