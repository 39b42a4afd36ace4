import Link from "next/link";

export interface FilterTab {
  href: string;
  label: string;
  current: boolean;
}

/**
 * A row of links that filter the list below it (order type, autoship state),
 * drawn as pills; the current one is marked `aria-current="page"`. Links, not
 * ARIA tabs: each is a URL of its own that works without JavaScript, can be
 * opened in a new tab and is undone by the back button.
 */
export function FilterTabs({ label, tabs }: { label: string; tabs: readonly FilterTab[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.current ? "page" : undefined}
          className={`rounded-full px-3 py-1 text-sm font-medium focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none ${
            t.current ? "bg-brand-700 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-100"
          }`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
