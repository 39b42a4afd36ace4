import { startTransition, type FormEvent } from "react";

/**
 * An onSubmit for a form whose action is a useActionState dispatcher: with
 * JavaScript, the form is submitted by hand, so React does not reset it after
 * the action and what the person chose or typed stays exactly as they left it
 * (a refused form is corrected, not re-typed). Without JavaScript the form's
 * `action` still posts, and the action echoes the values back.
 */
export function keepValuesOnSubmit(dispatch: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
}
