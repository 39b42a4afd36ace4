"use client";

import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { formatNumber } from "@/lib/format";
import type { TreeChildrenDto } from "@/lib/team/tree";
import { rankName } from "../rank-name";
import { NodeCard } from "./node-card";
import { fetchChildren, fetchReveal } from "./tree-api";
import { emptyTree, itemKey, mergeLevels, parentsToGeneration, visibleItems, type TreeData, type VisibleItem } from "@/lib/team/tree-model";
import { TreeSearch } from "./tree-search";
import { TreeToolbar } from "./tree-toolbar";

/** Expanding by generation stops adding members past this many visible rows. */
const VISIBLE_CAP = 1_000;
// A row's indentation by generation: on a phone small steps, capped, so a deep member keeps room for its name; full steps from `sm` up.
const indent = "pl-[calc(min(var(--depth)*0.75rem,6rem)_+_0.5rem)] sm:pl-[calc(var(--depth)*1.25rem_+_0.5rem)]";
const indentBy = (level: number) => ({ "--depth": level - 1 }) as CSSProperties;

export interface TeamTreeProps {
  ownerId: number;
  /** An admin's read-only view of this owner's team. */
  as?: number;
  teamPath: string;
  ranks: string[];
  pageSize: number;
  maxGeneration: number;
  initial: { levels: TreeChildrenDto[]; chain: number[] };
}

/**
 * The downline as a WAI-ARIA tree: generation 1 at the top, children loaded
 * when a member is expanded. Arrow keys move and open (roving tabindex), Enter
 * shows a member's card, Home/End jump; search reveals a member by expanding
 * the line from the owner down to them.
 */
export function TeamTree({ ownerId, as, teamPath, ranks, pageSize, maxGeneration, initial }: TeamTreeProps) {
  const [data, setData] = useState<TreeData>(() => mergeLevels(emptyTree, initial.levels, pageSize));
  // The latest data, synchronously: "expand to generation" fetches level after level from it.
  const dataRef = useRef(data);
  const commit = useCallback((next: TreeData) => {
    dataRef.current = next;
    setData(next);
  }, []);
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set(initial.chain.slice(0, -1)));
  const [selected, setSelected] = useState<number | null>(initial.chain.at(-1) ?? null);
  const [focused, setFocused] = useState<string | null>(() => {
    const target = initial.chain.at(-1) ?? initial.levels[0]?.nodes[0]?.id;
    return target === undefined ? null : `n${target}`;
  });
  const [busy, setBusy] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState("");
  const [depth, setDepth] = useState(Math.min(2, maxGeneration));
  const rows = useRef(new Map<string, HTMLElement>());
  const wantFocus = useRef(initial.chain.length > 0);

  const items = useMemo(() => visibleItems(data, ownerId, expanded), [data, ownerId, expanded]);

  useEffect(() => {
    if (!wantFocus.current || focused === null) return;
    const el = rows.current.get(focused);
    if (el) {
      el.focus();
      el.scrollIntoView({ block: "nearest" });
      wantFocus.current = false;
    }
  }, [focused, items]);

  const moveFocus = (key: string) => {
    wantFocus.current = true;
    setFocused(key);
  };

  const load = useCallback(
    async (parents: number[], offset = 0): Promise<TreeData | null> => {
      setBusy((b) => new Set([...b, ...parents]));
      try {
        for (let i = 0; i < parents.length; i += 100) {
          const { levels } = await fetchChildren(parents.slice(i, i + 100), offset, as);
          commit(mergeLevels(dataRef.current, levels, pageSize));
        }
        return dataRef.current;
      } catch {
        setMessage("Could not load that part of the team. Check your connection and try again.");
        return null;
      } finally {
        setBusy((b) => new Set([...b].filter((id) => !parents.includes(id))));
      }
    },
    [as, pageSize, commit],
  );

  const toggle = (id: number, open?: boolean) => {
    const node = data.nodes[id];
    if (!node || node.childCount === 0) return;
    const willOpen = open ?? !expanded.has(id);
    setExpanded((e) => {
      const next = new Set(e);
      if (willOpen) next.add(id);
      else next.delete(id);
      return next;
    });
    if (willOpen && !data.children[id]) void load([id]);
  };

  const expandTo = async (generation: number) => {
    let current = dataRef.current;
    const open = new Set<number>();
    for (;;) {
      const { expand, fetch } = parentsToGeneration(current, ownerId, generation);
      expand.forEach((id) => open.add(id));
      const visible = visibleItems(current, ownerId, open).length;
      if (fetch.length === 0 || visible >= VISIBLE_CAP) {
        setExpanded(open);
        setMessage(
          visible >= VISIBLE_CAP
            ? `Showing the first ${formatNumber(visible)} members; expand members one by one to see more.`
            : `Showing generations 1 to ${generation}.`,
        );
        return;
      }
      const merged = await load(fetch);
      if (!merged) return;
      current = merged;
    }
  };

  const reveal = async (memberId: number) => {
    try {
      const r = await fetchReveal(memberId, as);
      commit(mergeLevels(dataRef.current, r.levels, pageSize));
      setExpanded((e) => new Set([...e, ...r.chain.slice(0, -1)]));
      setSelected(memberId);
      moveFocus(`n${memberId}`);
      setMessage("Member found and shown in the tree.");
    } catch {
      setMessage("That member could not be shown.");
    }
  };

  const activate = (item: VisibleItem) => {
    if (item.kind === "more") {
      const list = data.children[item.parentId];
      void load([item.parentId], list?.loaded ?? 0);
    } else {
      setSelected(item.id);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const index = items.findIndex((it) => itemKey(it) === focused);
    const item = items[index];
    if (!item) return;
    const go = (i: number) => {
      const target = items[Math.max(0, Math.min(items.length - 1, i))];
      if (target) moveFocus(itemKey(target));
    };
    switch (event.key) {
      case "ArrowDown":
        go(index + 1);
        break;
      case "ArrowUp":
        go(index - 1);
        break;
      case "Home":
        go(0);
        break;
      case "End":
        go(items.length - 1);
        break;
      case "ArrowRight":
        if (item.kind === "node" && (data.nodes[item.id]?.childCount ?? 0) > 0) {
          if (!expanded.has(item.id)) toggle(item.id, true);
          else go(index + 1);
        }
        break;
      case "ArrowLeft":
        if (item.kind === "node" && expanded.has(item.id)) toggle(item.id, false);
        else if (item.parentId !== ownerId) moveFocus(`n${item.parentId}`);
        break;
      case "Enter":
      case " ":
        activate(item);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const renderLevel = (parentId: number, level: number): React.ReactNode => {
    const list = data.children[parentId];
    if (!list) return null;
    const remaining = list.total - Math.max(list.loaded, list.ids.length);
    return (
      <>
        {list.ids.map((id, i) => {
          const node = data.nodes[id];
          if (!node) return null;
          const key = `n${id}`;
          const open = expanded.has(id);
          const hasKids = node.childCount > 0;
          // A flat list: a member's children follow its row as siblings (aria-level says the depth), so a row's
          // content, and its name, is its own line only, without every member below it.
          return (
            <Fragment key={id}>
              <li
                role="treeitem"
                aria-level={level}
                aria-setsize={list.total}
                aria-posinset={i + 1}
                aria-expanded={hasKids ? open : undefined}
                aria-selected={selected === id}
                // The name and the figures beside it: the whole visible row, as a screen reader's name.
                aria-labelledby={`tree-label-${id} tree-meta-${id}`}
                aria-busy={busy.has(id) || undefined}
                tabIndex={focused === key ? 0 : -1}
                ref={(el) => {
                  if (el) rows.current.set(key, el);
                  else rows.current.delete(key);
                }}
                onFocus={(e) => {
                  if (e.target === e.currentTarget) setFocused(key);
                }}
                className="outline-none focus-visible:[&>div]:ring-2 focus-visible:[&>div]:ring-brand-600"
                data-testid="tree-item"
                data-id={id}
              >
                <div
                  className={`flex cursor-pointer items-start gap-2 rounded-md py-1.5 pr-2 ${indent} ${selected === id ? "bg-brand-50" : "hover:bg-slate-50"}`}
                  style={indentBy(level)}
                  onClick={() => {
                    setSelected(id);
                    setFocused(key);
                  }}
                >
                  <span
                    aria-hidden="true"
                    className={`inline-flex h-5 w-5 shrink-0 items-center justify-center text-slate-500 ${hasKids ? "" : "invisible"}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      toggle(id);
                      setFocused(key);
                    }}
                  >
                    {/* Drawn, not a text character: visible text that is not in the row's name would make the two differ. */}
                    <svg viewBox="0 0 20 20" fill="currentColor" className={`size-4 ${open ? "rotate-90" : ""}`}>
                      <path d="M7 5l6 5-6 5z" />
                    </svg>
                  </span>
                  <span className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-2">
                    <span id={`tree-label-${id}`} className="font-medium break-words text-slate-900">
                      {node.name}
                    </span>
                    {/* A real space (the gap is only drawn): the row's text reads "name figures", like its name. */}{" "}
                    <span id={`tree-meta-${id}`} className="text-xs text-slate-500">
                      Gen {node.generation} · {rankName(ranks, node.rank)} · {formatNumber(node.pv)} PV · {formatNumber(node.gv)} GV
                      {hasKids ? ` · ${formatNumber(node.childCount)} below` : ""}
                      {node.autoship ? " · Autoship" : ""}
                    </span>
                  </span>
                </div>
              </li>
              {open ? (
                busy.has(id) && !data.children[id] ? (
                  <li role="none" className={`py-1 text-xs text-slate-500 ${indent} ml-10`} style={indentBy(level)}>
                    Loading…
                  </li>
                ) : (
                  renderLevel(id, level + 1)
                )
              ) : null}
            </Fragment>
          );
        })}
        {remaining > 0 ? (
          <li
            role="treeitem"
            aria-level={level}
            aria-selected={false}
            tabIndex={focused === `m${parentId}` ? 0 : -1}
            ref={(el) => {
              if (el) rows.current.set(`m${parentId}`, el);
              else rows.current.delete(`m${parentId}`);
            }}
            onClick={() => void load([parentId], list.loaded)}
            className={`cursor-pointer rounded-md py-1.5 text-sm text-brand-700 underline outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${indent} ml-6`}
            style={indentBy(level)}
          >
            {busy.has(parentId) ? "Loading…" : `Show ${formatNumber(Math.min(pageSize, remaining))} more of ${formatNumber(remaining)}`}
          </li>
        ) : null}
      </>
    );
  };

  const selectedNode = selected === null ? null : (data.nodes[selected] ?? null);
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="space-y-3">
        <TreeSearch as={as} onPick={(id) => void reveal(id)} />
        <TreeToolbar
          depth={depth}
          maxGeneration={maxGeneration}
          onDepth={setDepth}
          onExpand={() => void expandTo(depth)}
          onCollapse={() => {
            setExpanded(new Set());
            setMessage("Showing generation 1.");
          }}
        />
        <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-600" data-testid="tree-status">
          {message}
        </p>
        <ul
          role="tree"
          aria-label="Your team by generation"
          onKeyDown={onKeyDown}
          className="rounded-xl border border-slate-200 bg-white p-2 text-sm"
          data-testid="team-tree"
        >
          {renderLevel(ownerId, 1)}
        </ul>
      </div>
      <aside aria-label="Selected member" className="h-fit rounded-xl border border-slate-200 bg-white p-4 lg:sticky lg:top-20">
        <NodeCard node={selectedNode} ranks={ranks} teamPath={teamPath} />
      </aside>
    </div>
  );
}
