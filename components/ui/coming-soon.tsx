export function ComingSoon({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section>
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      <div className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="font-medium text-slate-800">Coming soon</p>
        <p className="mt-1 text-sm text-slate-600">{children}</p>
      </div>
    </section>
  );
}
