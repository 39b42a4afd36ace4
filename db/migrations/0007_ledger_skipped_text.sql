-- A line's explanation becomes compact text: the skipped uplines' ids, seller
-- side first, joined by commas, "t" after a terminated one ("17,342t,9"),
-- instead of {"skipped": [{"id": 17, "reason": "inactive"}, ...]}. A full run
-- compares every stored line's explanation with its own (~13M lines at 1M
-- distributors): printing jsonb as text was most of that time.
-- ALTER ... TYPE rewrites the table without firing row triggers, so closed
-- periods' lines are converted too (the conversion keeps their meaning).
CREATE FUNCTION lineage_skipped_text(explanation jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg((e ->> 'id') || CASE WHEN e ->> 'reason' = 'terminated' THEN 't' ELSE '' END, ',' ORDER BY ord)
  FROM jsonb_array_elements(explanation -> 'skipped') WITH ORDINALITY AS x(e, ord)
$$;
--> statement-breakpoint
ALTER TABLE "commission_ledger" ALTER COLUMN "explanation" SET DATA TYPE text USING lineage_skipped_text("explanation");
--> statement-breakpoint
ALTER TABLE "commission_ledger" RENAME COLUMN "explanation" TO "skipped";
--> statement-breakpoint
DROP FUNCTION lineage_skipped_text(jsonb);
