/** An initials avatar: no photo upload exists, and nothing is fetched from elsewhere. */
export function SponsorAvatar({ initial, size = "lg" }: { initial: string; size?: "md" | "lg" }) {
  const box = size === "lg" ? "size-16 text-2xl" : "size-10 text-base";
  return (
    <span aria-hidden="true" className={`inline-flex shrink-0 items-center justify-center rounded-full bg-brand-700 font-bold text-white ${box}`}>
      {initial}
    </span>
  );
}
