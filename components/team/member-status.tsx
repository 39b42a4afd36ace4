import { StatusBadge } from "@/components/ui/status-badge";

/** Active this period, inactive, or terminated (which trumps both). */
export function MemberStatus({ active, terminated }: { active: boolean; terminated: boolean }) {
  if (terminated) return <StatusBadge tone="red">Terminated</StatusBadge>;
  return active ? <StatusBadge tone="green">Active</StatusBadge> : <StatusBadge tone="slate">Inactive</StatusBadge>;
}
