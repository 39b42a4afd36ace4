"use client";

import { useActionState } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage } from "./form-bits";
import { Button } from "@/components/ui/button";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Archive (asks first) or restore; delete (asks first) only while no order used the product (its orders must keep their history). */
export function ProductLifecycle({
  productId,
  name,
  active,
  orderLines,
  archive,
  restore,
  remove,
}: {
  productId: number;
  name: string;
  active: boolean;
  /** How many order lines use it. */
  orderLines: number;
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
        {active ? (
          <ConfirmSubmit label="Archive product" title={`Archive ${name}?`} confirmLabel="Archive" pending={toggling} pendingLabel="Archiving…" tone="neutral">
            <p>It leaves the shop: nobody can order it until you restore it.</p>
            <p>
              {orderLines === 0
                ? "No order has used it yet."
                : `The ${orderLines === 1 ? "order line" : `${orderLines} order lines`} that use it keep it, with their prices and volumes.`}
            </p>
          </ConfirmSubmit>
        ) : (
          <Button type="submit" disabled={toggling} variant="secondary">
            Restore to the shop
          </Button>
        )}
        <FormMessage state={toggleState} />
      </form>
      {orderLines > 0 ? (
        <p className="border-t border-slate-100 pt-4 text-sm text-slate-600">It has orders, so it cannot be deleted: archive it instead.</p>
      ) : (
        <form action={deleteAction} className="space-y-2 border-t border-slate-100 pt-4">
          <input type="hidden" name="productId" value={productId} />
          <ConfirmSubmit label="Delete product" title={`Delete ${name}?`} confirmLabel="Delete for good" pending={deleting} pendingLabel="Deleting…">
            <p>No order used it, so it can go entirely: it leaves the shop and the product list. This cannot be undone.</p>
          </ConfirmSubmit>
          <FormMessage state={deleteState} />
        </form>
      )}
    </div>
  );
}
