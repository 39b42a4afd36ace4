// What the portal tells users about, and how by default. A user can change the
// mode per kind and channel (notification_preferences), except for the
// essential kinds, whose email always goes (receipts, security) and which carry
// no unsubscribe link.

export type NotificationMode = "instant" | "digest" | "off";
export type NotificationChannel = "in_app" | "email";

export interface NotificationKind {
  label: string;
  description: string;
  /** In-app: "instant" (counts under the bell) or "off" (kept in the list, already read). Email: instant, daily digest or off. */
  defaults: { in_app: "instant" | "off"; email: NotificationMode };
  /** Email that always goes and cannot be unsubscribed from. */
  essential: boolean;
}

export const notificationKinds = {
  team_join: {
    label: "New member on your team",
    description: "Someone joins your first generation (people you sponsored).",
    defaults: { in_app: "instant", email: "instant" },
    essential: false,
  },
  team_join_deep: {
    label: "New members deeper in your team",
    description: "Someone joins a deeper generation of your team.",
    defaults: { in_app: "instant", email: "digest" },
    essential: false,
  },
  order_receipt: {
    label: "Order receipts",
    description: "A receipt when an order of yours is paid or refunded.",
    defaults: { in_app: "instant", email: "instant" },
    essential: true,
  },
  rank_advancement: {
    label: "Rank advancements",
    description: "You reach a new rank.",
    defaults: { in_app: "instant", email: "instant" },
    essential: false,
  },
  period_earnings: {
    label: "Earnings statements",
    description: "Your earnings when a commission period closes.",
    defaults: { in_app: "instant", email: "instant" },
    essential: false,
  },
  payout_paid: {
    label: "Payouts",
    description: "A payout to you is marked paid.",
    defaults: { in_app: "instant", email: "instant" },
    essential: false,
  },
  sign_in_lockout: {
    label: "Sign-in lockouts",
    description: "Your account is locked for a while after repeated wrong passwords.",
    defaults: { in_app: "instant", email: "instant" },
    essential: true,
  },
  autoship_reminder: {
    label: "Autoship reminders",
    description: "Three days before your autoship runs: its items and total, with a link to skip it.",
    defaults: { in_app: "instant", email: "instant" },
    essential: false,
  },
  autoship_payment: {
    label: "Autoship payment problems",
    description: "Your card is declined for an autoship, and when autoship stops trying.",
    defaults: { in_app: "instant", email: "instant" },
    essential: true,
  },
  announcement: {
    label: "Company announcements",
    description: "News from the company to every distributor.",
    defaults: { in_app: "instant", email: "instant" },
    essential: false,
  },
} as const satisfies Record<string, NotificationKind>;

export type NotificationKindName = keyof typeof notificationKinds;

export function isNotificationKind(name: string): name is NotificationKindName {
  return Object.hasOwn(notificationKinds, name);
}
