/**
 * A wide table's frame: when the table is wider than the screen (a phone), it
 * scrolls sideways inside this box and never the page. The box is a named,
 * focusable region, so a keyboard can scroll it and a screen reader announces
 * it. With `pinFirst`, the first column (a row's name) stays in view while the
 * rest scrolls, over an opaque background so scrolled cells pass under it.
 * Every cell is positioned (relative), so what is absolutely placed inside
 * one, like screen-reader-only text (a sort label, a hidden header), stays in
 * this box: placed against an ancestor outside it, it would widen the page.
 */
export function ScrollRegion({
  label,
  pinFirst = true,
  className = "rounded-xl border border-slate-200 bg-white",
  testId,
  children,
}: {
  label: string;
  pinFirst?: boolean;
  className?: string;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      className={`overflow-x-auto focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none [&_td]:relative [&_th]:relative ${pinFirst ? pinned : ""} ${className}`}
    >
      {children}
    </div>
  );
}

// The first cell of every row sticks to the left edge, over a background like its row's (head, body, foot).
const pinned = [
  "[&_tr>*:first-child]:sticky [&_tr>*:first-child]:left-0 [&_tr>*:first-child]:z-[1]",
  "[&_tbody_tr>*:first-child]:bg-white [&_thead_tr>*:first-child]:bg-slate-50 [&_tfoot_tr>*:first-child]:bg-slate-50",
].join(" ");
