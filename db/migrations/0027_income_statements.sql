CREATE TABLE "income_statements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "income_statements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"range_starts_on" date NOT NULL,
	"range_ends_on" date NOT NULL,
	"snapshot" jsonb NOT NULL,
	"inputs_sha256" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"published_by" integer,
	CONSTRAINT "income_statements_range_check" CHECK ("income_statements"."range_ends_on" > "income_statements"."range_starts_on"),
	CONSTRAINT "income_statements_sha256_check" CHECK ("income_statements"."inputs_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "income_statements" ADD CONSTRAINT "income_statements_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "income_statements_generated_idx" ON "income_statements" USING btree ("generated_at");