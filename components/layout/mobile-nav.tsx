"use client";

import { MenuIcon } from "lucide-react";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Sheet, SheetContent, SheetTrigger } from "@/components/ui/sheet";
import { NavLinks, type NavItem } from "./nav-links";

/** The navigation below `md`: a sheet from the left that closes when a link is followed. */
export function MobileNav({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger className={buttonClass({ variant: "secondary", size: "sm", className: "shrink-0 md:hidden" })}>
        <MenuIcon aria-hidden className="size-4" />
        <span className="sr-only sm:not-sr-only">Menu</span>
      </SheetTrigger>
      <SheetContent title="Menu">
        <nav aria-label="Main">
          <NavLinks items={items} onNavigate={() => setOpen(false)} />
        </nav>
      </SheetContent>
    </Sheet>
  );
}
