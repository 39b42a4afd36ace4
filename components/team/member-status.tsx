import { StatusBadge } from "@/components/ui/status-badge";

/** Active this period, inactive, or terminated (which trumps both). */
export function MemberStatus({ active, terminated }: { active: boolean; terminated: boolean }) {
  if (terminated) return <StatusBadge tone="red">Terminated</StatusBadge>;
  return active ? <StatusBadge tone="green">Active</StatusBadge> : <StatusBadge tone="slate">Inactive</StatusBadge>;
}

/** A member whose autoship is on: their monthly order (and its PV) arrives by itself. */
export function AutoshipBadge({ className }: { className?: string }) {
  return (
    <span className={className} data-testid="autoship-badge">
      <StatusBadge tone="green">Autoship</StatusBadge>
    </span>
  );
}
