-- The sponsor tree's materialised path (distributors.path, "1.17.342": the ids
-- from the root down) and depth (0 at the root), derived from sponsor_id by
-- the database on every insert and every move, whoever writes the row.
--
-- TypeScript calls none of these: the triggers fire on writes to distributors,
-- by sign-ups (createDistributorAccount, lib/referrals/accounts.ts), the demo
-- seed (db/seed/demo.ts) and the admin's move (moveDistributor,
-- lib/admin/distributors.ts, which turns the trigger's "own downline" refusal
-- into a form error). The large seed (seedLargeCompany, db/seed/large.ts)
-- disables distributors_set_path_insert for its bulk COPY and writes the same
-- paths from JS (treePaths). Tested by db/tree.int.test.ts.
--
-- The current definitions, copied from the migrations that hold them: to
-- change one, write a new migration and update this file in the same commit
-- (see README.md in this folder).

-- distributors_set_path (BEFORE INSERT, BEFORE UPDATE OF sponsor_id, each row):
-- the row's path and depth from its sponsor's. An unknown sponsor is a
-- foreign_key_violation; a move under the distributor's own downline a
-- check_violation.
-- live version: 0001_distributor_tree_paths.sql
CREATE OR REPLACE FUNCTION distributors_set_path() RETURNS trigger AS $$
DECLARE
  sponsor_path text;
  sponsor_depth integer;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.sponsor_id IS NOT DISTINCT FROM OLD.sponsor_id THEN
    RETURN NEW;
  END IF;
  IF NEW.sponsor_id IS NULL THEN
    NEW.path := NEW.id::text;
    NEW.depth := 0;
    RETURN NEW;
  END IF;
  SELECT path, depth INTO sponsor_path, sponsor_depth FROM distributors WHERE id = NEW.sponsor_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown sponsor %', NEW.sponsor_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND (sponsor_path = OLD.path OR sponsor_path LIKE OLD.path || '.%') THEN
    RAISE EXCEPTION 'distributor % cannot be moved under their own downline', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  NEW.path := sponsor_path || '.' || NEW.id::text;
  NEW.depth := sponsor_depth + 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER distributors_set_path_insert BEFORE INSERT ON distributors
  FOR EACH ROW EXECUTE FUNCTION distributors_set_path();
--> statement-breakpoint
CREATE TRIGGER distributors_set_path_update BEFORE UPDATE OF sponsor_id ON distributors
  FOR EACH ROW EXECUTE FUNCTION distributors_set_path();
--> statement-breakpoint
-- distributors_move_subtree (AFTER UPDATE OF sponsor_id, each row): a move
-- rewrites the whole subtree's paths and depths in one statement.
-- live version: 0001_distributor_tree_paths.sql
CREATE OR REPLACE FUNCTION distributors_move_subtree() RETURNS trigger AS $$
BEGIN
  IF NEW.path IS DISTINCT FROM OLD.path THEN
    UPDATE distributors
       SET path = NEW.path || substr(path, length(OLD.path) + 1),
           depth = depth + (NEW.depth - OLD.depth)
     WHERE path LIKE OLD.path || '.%';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER distributors_move_subtree AFTER UPDATE OF sponsor_id ON distributors
  FOR EACH ROW EXECUTE FUNCTION distributors_move_subtree();
