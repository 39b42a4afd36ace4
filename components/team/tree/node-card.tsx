import Link from "next/link";
import { formatNumber } from "@/lib/format";
import type { TreeNodeDto } from "@/lib/team/tree";
import { AutoshipBadge, MemberStatus } from "../member-status";
import { rankName } from "../rank-name";

/** The selected member's volumes and rank, beside the tree. */
export function NodeCard({ node, ranks, teamPath }: { node: TreeNodeDto | null; ranks: string[]; teamPath: string }) {
  if (!node) {
    return <p className="text-sm text-slate-600">Choose a member (click, or Enter on the keyboard) to see their volumes and rank here.</p>;
  }
  const facts: [string, React.ReactNode][] = [
    ["Generation", formatNumber(node.generation)],
    ["Rank", rankName(ranks, node.rank)],
    [
      "Status",
      <span key="s" className="flex flex-wrap gap-1">
        <MemberStatus active={node.active} terminated={node.terminated} />
        {node.autoship ? <AutoshipBadge /> : null}
      </span>,
    ],
    ["PV", formatNumber(node.pv)],
    ["GV", formatNumber(node.gv)],
    ["Direct recruits", formatNumber(node.childCount)],
  ];
  return (
    <div data-testid="tree-card">
      <h2 className="text-lg font-semibold text-slate-900">{node.name}</h2>
      <dl className="mt-3 grid grid-cols-2 gap-2">
        {facts.map(([label, value]) => (
          <div key={label} className="rounded-lg bg-slate-50 p-2">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="font-semibold text-slate-900 tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <Link prefetch={false} href={`${teamPath}/${node.id}`} className="mt-3 inline-block text-sm text-brand-700 underline">
        Open {node.name}&rsquo;s card
      </Link>
    </div>
  );
}
