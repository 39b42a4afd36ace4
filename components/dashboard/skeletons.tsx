// Placeholders in the shape of what is loading, so the page does not jump when it arrives.
const block = "animate-pulse rounded-md bg-slate-200";

export function CardsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="rounded-xl border border-slate-200 bg-white p-4">
          <div className={`${block} h-3 w-24`} />
          <div className={`${block} mt-3 h-7 w-20`} />
          <div className={`${block} mt-2 h-3 w-32`} />
        </div>
      ))}
    </div>
  );
}

export function TableSkeleton({ rows = 8, columns = 6 }: { rows?: number; columns?: number }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-4 py-2">
          {Array.from({ length: columns }, (_, c) => (
            <div key={c} className={`${block} h-4 flex-1`} />
          ))}
        </div>
      ))}
    </div>
  );
}

export function PageSkeleton({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="space-y-6" data-testid="page-skeleton">
      <span className="sr-only">{label}</span>
      <div>
        <div className={`${block} h-7 w-56`} />
        <div className={`${block} mt-2 h-4 w-72`} />
      </div>
      {children}
    </div>
  );
}

export function ChartSkeleton() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      <div className={`${block} h-5 w-40`} />
      <div className={`${block} mt-4 h-56 w-full`} />
    </div>
  );
}
