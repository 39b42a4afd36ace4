"use client";

const button = "rounded-md border border-slate-300 bg-white px-3 py-1 font-medium text-slate-700 hover:bg-slate-100";

/** Expand every loaded member down to a generation at once, or fold the tree back to generation 1. */
export function TreeToolbar({
  depth,
  maxGeneration,
  onDepth,
  onExpand,
  onCollapse,
}: {
  depth: number;
  maxGeneration: number;
  onDepth: (depth: number) => void;
  onExpand: () => void;
  onCollapse: () => void;
}) {
  return (
    <div className="flex flex-wrap items-end gap-2 text-sm">
      <label className="text-slate-700">
        Expand to generation
        <select value={depth} onChange={(e) => onDepth(Number(e.target.value))} className="ml-2 rounded-md border border-slate-300 bg-white px-2 py-1">
          {Array.from({ length: maxGeneration }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onExpand} className={button}>
        Expand
      </button>
      <button type="button" onClick={onCollapse} className={button}>
        Collapse all
      </button>
    </div>
  );
}
