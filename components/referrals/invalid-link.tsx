import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** One page for every bad referral link (unknown, malformed, too long, or a former distributor's): it says no more than that. */
export function InvalidLink() {
  return (
    <section className="mx-auto max-w-md py-10 text-center" data-testid="invalid-link">
      <h1 className="text-2xl font-bold text-slate-900">This link is not valid</h1>
      <p className="mt-2 text-slate-600">
        The referral link you followed does not lead to a team. Check it with the person who shared it, or join the company directly.
      </p>
      <Link href="/join" className={buttonClass({ size: "lg", className: "mt-6" })}>
        Join the company directly
      </Link>
    </section>
  );
}
