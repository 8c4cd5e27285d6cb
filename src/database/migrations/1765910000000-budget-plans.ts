import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The year's budget of a working group (issue 19 #4):
 * - `budget_plan`: one per group and year (`budget_plan_once`), the coordinator's plan — representatives, full days,
 *   half days, short sessions, agreed extra preparation days per representative, expected trips (`travel`: a list of
 *   `{ representatives, tripsPerRepresentative, costPerTripOre }`, integer öre, the travellers no more than the
 *   representatives: `budget_plan_travel_valid`) — with its version (1, 2, … one per save) and who saved it;
 * - `budget_plan_version`: every saved version as it was (append-only: `budget_plan_version_final`), so a plan's
 *   history is kept; each save is also in `audit_log` (`budget-plan.saved`);
 * - a plan is editable until its year ends: `budget_plan_open_year` refuses an insert or update of a plan whose year
 *   (old or new) is before the current year in Stockholm.
 * Every figure has the bounds of `BUDGET_LIMITS` (src/budget/budget-plan.ts).
 */
export class BudgetPlans1765910000000 implements MigrationInterface {
  name = 'BudgetPlans1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION budget_plan_travel_valid(travel jsonb, representatives int) RETURNS boolean
      LANGUAGE plpgsql IMMUTABLE AS $$
      DECLARE
        e jsonb;
        travellers int := 0;
      BEGIN
        IF jsonb_typeof(travel) IS DISTINCT FROM 'array' OR jsonb_array_length(travel) > 20 THEN RETURN false; END IF;
        FOR e IN SELECT value FROM jsonb_array_elements(travel) LOOP
          IF jsonb_typeof(e) <> 'object'
             OR (SELECT count(*) FROM jsonb_object_keys(e)) <> 3
             OR coalesce(e->>'representatives', '') !~ '^[0-9]{1,2}$'
             OR coalesce(e->>'tripsPerRepresentative', '') !~ '^[0-9]{1,3}$'
             OR coalesce(e->>'costPerTripOre', '') !~ '^[0-9]{1,8}$' THEN
            RETURN false;
          END IF;
          IF (e->>'representatives')::int NOT BETWEEN 1 AND 50
             OR (e->>'tripsPerRepresentative')::int NOT BETWEEN 1 AND 400
             OR (e->>'costPerTripOre')::int NOT BETWEEN 0 AND 10000000 THEN
            RETURN false;
          END IF;
          travellers := travellers + (e->>'representatives')::int;
        END LOOP;
        RETURN travellers <= representatives;
      END $$`);
    await q.query(`
      CREATE TABLE budget_plan (
        id uuid PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES working_group(id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        representatives int NOT NULL CHECK (representatives BETWEEN 1 AND 50),
        full_days int NOT NULL CHECK (full_days BETWEEN 0 AND 100),
        half_days int NOT NULL CHECK (half_days BETWEEN 0 AND 100),
        short_sessions int NOT NULL CHECK (short_sessions BETWEEN 0 AND 200),
        extra_preparation_days int NOT NULL CHECK (extra_preparation_days BETWEEN 0 AND 50),
        travel jsonb NOT NULL DEFAULT '[]'::jsonb,
        note text CHECK (length(note) <= 2000),
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_by uuid NOT NULL,
        updated_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT budget_plan_travel_valid CHECK (budget_plan_travel_valid(travel, representatives)),
        CONSTRAINT budget_plan_not_empty CHECK (full_days + half_days + short_sessions + extra_preparation_days > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX budget_plan_once ON budget_plan(group_id, year)`);
    await q.query(`
      CREATE FUNCTION budget_plan_open_year() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        this_year int := extract(year FROM (now() AT TIME ZONE 'Europe/Stockholm'))::int;
      BEGIN
        IF NEW.year < this_year THEN
          RAISE EXCEPTION 'budget_plan: the year % has ended; its plan cannot change', NEW.year
            USING ERRCODE = 'check_violation', CONSTRAINT = 'budget_plan_open_year';
        END IF;
        IF TG_OP = 'UPDATE' THEN
          IF OLD.year < this_year THEN
            RAISE EXCEPTION 'budget_plan: the year % has ended; its plan cannot change', OLD.year
              USING ERRCODE = 'check_violation', CONSTRAINT = 'budget_plan_open_year';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER budget_plan_open_year BEFORE INSERT OR UPDATE ON budget_plan FOR EACH ROW EXECUTE FUNCTION budget_plan_open_year()`);
    await q.query(`
      CREATE TABLE budget_plan_version (
        plan_id uuid NOT NULL REFERENCES budget_plan(id),
        version int NOT NULL CHECK (version >= 1),
        figures jsonb NOT NULL,
        saved_by uuid NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, version)
      )`);
    await q.query(`
      CREATE FUNCTION budget_plan_version_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'budget_plan_version is append-only'; END $$`);
    await q.query(`CREATE TRIGGER budget_plan_version_final BEFORE UPDATE OR DELETE ON budget_plan_version FOR EACH ROW EXECUTE FUNCTION budget_plan_version_final()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budget_plan_version`);
    await q.query(`DROP FUNCTION budget_plan_version_final()`);
    await q.query(`DROP TABLE budget_plan`);
    await q.query(`DROP FUNCTION budget_plan_open_year()`);
    await q.query(`DROP FUNCTION budget_plan_travel_valid(jsonb, int)`);
  }
}
