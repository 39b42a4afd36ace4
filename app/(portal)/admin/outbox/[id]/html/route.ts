import { notFound } from "next/navigation";
import { getOutboxHtmlForAdmin } from "@/lib/data/admin-outbox";
import { emailFramePolicy } from "@/lib/security-headers";
import { parseId } from "@/lib/validation/input";

/**
 * A stored message's HTML, for the outbox page's sandboxed frame. It checks
 * the admin itself (getOutboxHtmlForAdmin: anyone else gets a 404) and is
 * served under a policy of its own: no scripts, nothing loaded but images and
 * inline styles, framed by this site's pages only.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  if (id === null) notFound();
  const html = await getOutboxHtmlForAdmin(id);
  if (html === null) notFound();
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": emailFramePolicy,
      "x-frame-options": "SAMEORIGIN",
      "cache-control": "private, no-store",
    },
  });
}
