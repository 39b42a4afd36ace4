import type { ReactElement } from "react";
import type { Brand } from "../brand";

/** An email: its subject and its body as a React component (rendered to HTML and to plain text). */
export interface MailTemplate<D> {
  subject(data: D, brand: Brand): string;
  Body(props: { data: D; brand: Brand; unsubscribeUrl?: string }): ReactElement;
}
