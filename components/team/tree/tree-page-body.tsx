import Link from "next/link";
import type { TeamViewDto } from "@/lib/data/team";
import { TREE_PAGE, type RevealDto, type TreeChildrenDto } from "@/lib/team/tree";
import { ReadOnlyBanner } from "../read-only-banner";
import { TeamEmpty } from "../team-empty";
import { TeamTree } from "./team-tree";
import { buttonClass } from "@/components/ui/button";

/** The tree page: a heading, the tree (or the empty state), and keyboard help. */
export function TreePageBody({
  view,
  generations,
  root,
  revealed,
}: {
  view: TeamViewDto;
  generations: number;
  root: TreeChildrenDto[];
  revealed: RevealDto | null;
}) {
  const teamPath = `${view.basePath}/team`;
  const empty = (root[0]?.total ?? 0) === 0;
  return (
    <section className="space-y-4">
      {view.readOnly ? <ReadOnlyBanner ownerName={view.ownerName} basePath={view.basePath} /> : null}
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{view.readOnly ? `${view.ownerName}’s team tree` : "Your team tree"}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Expand a member to see whom they enrolled. Keyboard: arrows move and open, Enter shows a member&rsquo;s card, Home and End jump.
          </p>
        </div>
        <Link prefetch={false} href={teamPath} className={buttonClass({ variant: "secondary", size: "sm" })}>
          Table view
        </Link>
      </header>
      {empty ? (
        <TeamEmpty readOnly={view.readOnly} ownerName={view.ownerName} />
      ) : (
        <TeamTree
          key={revealed?.chain.at(-1) ?? "root"}
          ownerId={view.ownerId}
          as={view.readOnly ? view.ownerId : undefined}
          teamPath={teamPath}
          ranks={view.ranks}
          pageSize={TREE_PAGE}
          maxGeneration={Math.max(1, generations)}
          initial={{ levels: [...root, ...(revealed?.levels ?? [])], chain: revealed?.chain ?? [] }}
        />
      )}
    </section>
  );
}
