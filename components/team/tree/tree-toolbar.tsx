"use client";

import { Button } from "@/components/ui/button";
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
      <Button variant="secondary" size="sm" onClick={onExpand}>
        Expand
      </Button>
      <Button variant="secondary" size="sm" onClick={onCollapse}>
        Collapse all
      </Button>
    </div>
  );
}
