import { PageSkeleton, TableSkeleton } from "@/components/dashboard/skeletons";

export default function TeamLoading() {
  return (
    <PageSkeleton label="Loading your team">
      <TableSkeleton rows={5} columns={4} />
      <TableSkeleton rows={10} columns={8} />
    </PageSkeleton>
  );
}
