import type { TreeChildrenDto, TreeNodeDto } from "@/lib/team/tree";

// The tree view's data (components/team/tree), as plain functions over
// immutable objects (the client component keeps one in state): loaded nodes,
// each parent's loaded children, and the flat list of what is visible, which
// keyboard navigation walks.

export interface ChildList {
  ids: number[];
  /** All children of the parent, loaded or not. */
  total: number;
  /** Children loaded page by page from the start (a revealed member may sit beyond them). */
  loaded: number;
}

export interface TreeData {
  nodes: Record<number, TreeNodeDto>;
  children: Record<number, ChildList>;
}

export const emptyTree: TreeData = { nodes: {}, children: {} };

/** Adds fetched children to the tree, keeping already loaded ones and their order. */
export function mergeLevels(data: TreeData, levels: TreeChildrenDto[], pageSize: number): TreeData {
  const nodes = { ...data.nodes };
  const children = { ...data.children };
  for (const level of levels) {
    for (const n of level.nodes) nodes[n.id] = n;
    const before = children[level.parentId] ?? { ids: [], total: level.total, loaded: 0 };
    const seen = new Set(before.ids);
    const ids = [...before.ids, ...level.nodes.map((n) => n.id).filter((id) => !seen.has(id))];
    const pageEnd = Math.min(level.total, level.offset + pageSize);
    const loaded = level.offset <= before.loaded ? Math.max(before.loaded, pageEnd) : before.loaded;
    children[level.parentId] = { ids, total: level.total, loaded };
  }
  return { nodes, children };
}

export type VisibleItem =
  | { kind: "node"; id: number; parentId: number; level: number; posinset: number; setsize: number }
  | { kind: "more"; parentId: number; level: number; remaining: number };

/** Every visible row, top to bottom: children of expanded nodes, and a "show more" row where a list is partial. */
export function visibleItems(data: TreeData, rootId: number, expanded: ReadonlySet<number>): VisibleItem[] {
  const out: VisibleItem[] = [];
  const walk = (parentId: number, level: number) => {
    const list = data.children[parentId];
    if (!list) return;
    list.ids.forEach((id, i) => {
      out.push({ kind: "node", id, parentId, level, posinset: i + 1, setsize: list.total });
      if (expanded.has(id)) walk(id, level + 1);
    });
    const remaining = list.total - Math.max(list.loaded, list.ids.length);
    if (remaining > 0) out.push({ kind: "more", parentId, level, remaining });
  };
  walk(rootId, 1);
  return out;
}

export function itemKey(item: VisibleItem): string {
  return item.kind === "node" ? `n${item.id}` : `m${item.parentId}`;
}

/** Parents whose children must be fetched to show every member down to `generation`. */
export function parentsToGeneration(data: TreeData, rootId: number, generation: number): { expand: number[]; fetch: number[] } {
  const expand: number[] = [];
  const fetch: number[] = [];
  let frontier = [rootId];
  for (let g = 1; g < generation && frontier.length > 0; g++) {
    const next: number[] = [];
    for (const p of frontier) {
      for (const id of data.children[p]?.ids ?? []) {
        if ((data.nodes[id]?.childCount ?? 0) === 0) continue;
        expand.push(id);
        if (data.children[id]) next.push(id);
        else fetch.push(id);
      }
    }
    frontier = next;
  }
  return { expand, fetch };
}
