import { describe, expect, it } from "vitest";
import { emptyTree, itemKey, mergeLevels, parentsToGeneration, visibleItems } from "./tree-model";
import type { TreeChildrenDto, TreeNodeDto } from "./tree";

const node = (id: number, generation: number, childCount = 0): TreeNodeDto => ({
  id,
  name: `N${id}`,
  generation,
  rank: null,
  active: false,
  terminated: false,
  pv: 0,
  gv: 0,
  childCount,
  autoship: false,
});
const level = (parentId: number, nodes: TreeNodeDto[], total = nodes.length, offset = 0): TreeChildrenDto => ({ parentId, nodes, total, offset });

// Owner 1: children 2, 3 (and 4, 5 not loaded yet: 4 in all); 2 has children 6, 7.
const base = mergeLevels(emptyTree, [level(1, [node(2, 1, 2), node(3, 1)], 4)], 2);

describe("the tree model", () => {
  it("lists visible rows with ARIA positions, and a 'show more' row for a partial list", () => {
    expect(visibleItems(base, 1, new Set())).toEqual([
      { kind: "node", id: 2, parentId: 1, level: 1, posinset: 1, setsize: 4 },
      { kind: "node", id: 3, parentId: 1, level: 1, posinset: 2, setsize: 4 },
      { kind: "more", parentId: 1, level: 1, remaining: 2 },
    ]);
  });

  it("shows children of expanded members only, at the next level", () => {
    const t = mergeLevels(base, [level(2, [node(6, 2), node(7, 2)])], 2);
    expect(visibleItems(t, 1, new Set()).map(itemKey)).toEqual(["n2", "n3", "m1"]);
    expect(visibleItems(t, 1, new Set([2])).map(itemKey)).toEqual(["n2", "n6", "n7", "n3", "m1"]);
    expect(visibleItems(t, 1, new Set([2])).find((i) => i.kind === "node" && i.id === 6)).toMatchObject({ level: 2, parentId: 2 });
  });

  it("appends the next page, without duplicating a member revealed beyond the first page", () => {
    const revealed = mergeLevels(base, [level(1, [node(5, 1)], 4, 0)], 2);
    expect(revealed.children[1]).toEqual({ ids: [2, 3, 5], total: 4, loaded: 2 });
    const more = mergeLevels(revealed, [level(1, [node(4, 1), node(5, 1)], 4, 2)], 2);
    expect(more.children[1]).toEqual({ ids: [2, 3, 5, 4], total: 4, loaded: 4 });
    expect(visibleItems(more, 1, new Set()).map(itemKey)).toEqual(["n2", "n3", "n5", "n4"]);
  });

  it("knows which members to expand and fetch to show a generation", () => {
    expect(parentsToGeneration(base, 1, 1)).toEqual({ expand: [], fetch: [] });
    expect(parentsToGeneration(base, 1, 2)).toEqual({ expand: [2], fetch: [2] });
    const t = mergeLevels(base, [level(2, [node(6, 2, 1), node(7, 2)])], 2);
    expect(parentsToGeneration(t, 1, 3)).toEqual({ expand: [2, 6], fetch: [6] });
  });
});
