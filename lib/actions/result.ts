/** What every form action returns to `useActionState`. */
export interface ActionResult<Field extends string = string> {
  ok: boolean;
  message?: string;
  fieldErrors?: Partial<Record<Field, string>>;
}

/** A form's result that also returns what was typed, so a refused form keeps it (React resets forms after an action). */
export interface FormResult<Field extends string = string> extends ActionResult<Field> {
  values?: Partial<Record<Field, string>>;
}

/** Keeps only the first message per field from zod's flattened errors. */
export function firstErrors<Field extends string>(errors: Partial<Record<Field, string[] | undefined>>) {
  const out: Partial<Record<Field, string>> = {};
  for (const key of Object.keys(errors) as Field[]) {
    const first = errors[key]?.[0];
    if (first) out[key] = first;
  }
  return out;
}
