import { notificationKinds, type NotificationKindName } from "@/lib/notifications/kinds";

// The notification settings form: one field per kind and channel
// ("team_join.in_app", "team_join.email"). Only known kinds and channels are
// read (other fields, such as the ones Next adds to a form, are ignored); a
// known field with a value outside its channel's modes refuses the whole form.

export type InAppChoice = "instant" | "off";
export type EmailChoice = "instant" | "digest" | "off";

export interface PreferenceChoices {
  in_app: Partial<Record<NotificationKindName, InAppChoice>>;
  email: Partial<Record<NotificationKindName, EmailChoice>>;
}

function isInAppChoice(value: unknown): value is InAppChoice {
  return value === "instant" || value === "off";
}

function isEmailChoice(value: unknown): value is EmailChoice {
  return value === "instant" || value === "digest" || value === "off";
}

export function preferenceField(kind: NotificationKindName, channel: "in_app" | "email"): string {
  return `${kind}.${channel}`;
}

export const preferencesInvalidMessage = "These settings could not be saved: choose one of the options for each kind.";

/** The choices a settings form sends, or null when any of its known fields holds something else (an essential kind's email included). */
export function parsePreferenceForm(formData: FormData): PreferenceChoices | null {
  const choices: PreferenceChoices = { in_app: {}, email: {} };
  for (const kind of Object.keys(notificationKinds) as NotificationKindName[]) {
    const inApp = formData.getAll(preferenceField(kind, "in_app"));
    if (inApp.length > 1) return null;
    if (inApp.length === 1) {
      const value = inApp[0];
      if (!isInAppChoice(value)) return null;
      choices.in_app[kind] = value;
    }
    const email = formData.getAll(preferenceField(kind, "email"));
    if (email.length > 1) return null;
    if (email.length === 1) {
      const value = email[0];
      // Essential email always goes: the form never offers a choice, so a value for it is forged.
      if (notificationKinds[kind].essential || !isEmailChoice(value)) return null;
      choices.email[kind] = value;
    }
  }
  return choices;
}
