"use client";

import { CalendarSync, House, type LucideIcon, Package, Settings, ShieldCheck, ShoppingBag, Users, Wallet } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
}

// Icons by destination: the items stay plain data (the server layout builds them).
const icons: Record<string, LucideIcon> = {
  "/dashboard": House,
  "/dashboard/team": Users,
  "/dashboard/orders": Package,
  "/dashboard/autoship": CalendarSync,
  "/dashboard/earnings": Wallet,
  "/shop": ShoppingBag,
  "/dashboard/account": Settings,
  "/admin": ShieldCheck,
};

function isCurrent(pathname: string, href: string): boolean {
  // /dashboard is the parent of Team, Orders and Earnings: match it exactly.
  return href === "/dashboard" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        const current = isCurrent(pathname, item.href);
        const Icon = icons[item.href];
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onNavigate={onNavigate}
              aria-current={current ? "page" : undefined}
              className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium ${current ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {Icon ? <Icon aria-hidden className="size-4 shrink-0" /> : null}
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
