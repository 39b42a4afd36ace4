-- The sponsor tree's materialised path and depth are derived from sponsor_id here,
-- so every insert and every move keeps them right, whoever writes the row.
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
-- A move rewrites the whole subtree's paths in one statement.
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
