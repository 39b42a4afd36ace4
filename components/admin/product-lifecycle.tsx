"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { dangerButton, FormMessage, secondaryButton } from "./form-bits";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Archive or restore; delete only while no order used the product (its orders must keep their history). */
export function ProductLifecycle({
  productId,
  active,
  hasOrders,
  archive,
  restore,
  remove,
}: {
  productId: number;
  active: boolean;
  hasOrders: boolean;
  archive: Action;
  restore: Action;
  remove: Action;
}) {
  const [toggleState, toggleAction, toggling] = useActionState<ActionResult, FormData>(active ? archive : restore, { ok: true });
  const [deleteState, deleteAction, deleting] = useActionState<ActionResult, FormData>(remove, { ok: true });
  return (
    <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
      <form action={toggleAction} className="space-y-2">
        <input type="hidden" name="productId" value={productId} />
        <p className="text-sm text-slate-600">
          {active ? "Archiving hides the product from the shop; existing orders keep it." : "This product is archived: it is not in the shop."}
        </p>
        <button type="submit" disabled={toggling} className={secondaryButton}>
          {active ? "Archive product" : "Restore to the shop"}
        </button>
        <FormMessage state={toggleState} />
      </form>
      {hasOrders ? (
        <p className="border-t border-slate-100 pt-4 text-sm text-slate-600">It has orders, so it cannot be deleted: archive it instead.</p>
      ) : (
        <form action={deleteAction} className="space-y-2 border-t border-slate-100 pt-4">
          <input type="hidden" name="productId" value={productId} />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="confirm" className="size-4" /> Delete for good (no order used it)
          </label>
          <button type="submit" disabled={deleting} className={dangerButton}>
            Delete product
          </button>
          <FormMessage state={deleteState} />
        </form>
      )}
    </div>
  );
}
