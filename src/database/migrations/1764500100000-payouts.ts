import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payout runs: one batch per payer and period, its lines (one per attested time report), per-person figures
 * (fees, travel, contributions, tax, AGI fields) and the approval.
 *
 * Exactly once is the database's promise, not only the code's:
 * - `payout_line_once`: a time report is in at most one pending or paid line, whatever runs, retries or double
 *   clicks happen (a held or released line no longer counts, so the next run can take it);
 * - `payout_batch (payer_code, period)` unique: one batch per payer and period, however often its run starts;
 * - `payout_approval` has the batch as its key: a batch is approved once; approvals and paid lines are final
 *   (triggers refuse to change or delete them).
 */
export class Payouts1764500100000 implements MigrationInterface {
  name = 'Payouts1764500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payout_batch (
        id uuid PRIMARY KEY,
        payer_code text NOT NULL,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
        workflow_id text NOT NULL,
        state text NOT NULL CHECK (state IN ('draft','approved','cancelled','empty')),
        period_end date NOT NULL,
        computed_for date NOT NULL,
        payment_date date,
        person_count int NOT NULL DEFAULT 0,
        line_count int NOT NULL DEFAULT 0,
        held_count int NOT NULL DEFAULT 0,
        fees_ore bigint NOT NULL DEFAULT 0,
        tax_free_travel_ore bigint NOT NULL DEFAULT 0,
        taxable_travel_ore bigint NOT NULL DEFAULT 0,
        contributions_ore bigint NOT NULL DEFAULT 0,
        tax_withheld_ore bigint NOT NULL DEFAULT 0,
        gross_ore bigint NOT NULL DEFAULT 0,
        net_ore bigint NOT NULL DEFAULT 0,
        cost_ore bigint NOT NULL DEFAULT 0,
        skipped jsonb NOT NULL DEFAULT '[]'::jsonb,
        cancel_reason text,
        approved_by uuid,
        approved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (payer_code, period),
        CHECK ((state = 'approved') = (payment_date IS NOT NULL AND approved_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX payout_batch_payer_idx ON payout_batch(payer_code, state, payment_date)`);
    await q.query(`
      CREATE TABLE payout_person (
        batch_id uuid NOT NULL REFERENCES payout_batch(id),
        person_id uuid NOT NULL REFERENCES person(id),
        fees_ore bigint NOT NULL,
        tax_free_travel_ore bigint NOT NULL,
        tax_free_car_ore bigint NOT NULL,
        taxable_travel_ore bigint NOT NULL,
        taxable_pay_ore bigint NOT NULL,
        contributions_ore bigint NOT NULL,
        tax_withheld_ore bigint NOT NULL,
        gross_ore bigint NOT NULL,
        net_ore bigint NOT NULL CHECK (net_ore >= 0),
        cost_ore bigint NOT NULL,
        earlier_taxable_pay_ore bigint NOT NULL,
        contribution_category text,
        agi_pay_field text NOT NULL CHECK (agi_pay_field IN ('011','131')),
        calculation jsonb NOT NULL,
        slip_document_id uuid,
        PRIMARY KEY (batch_id, person_id)
      )`);
    await q.query(`CREATE INDEX payout_person_person_idx ON payout_person(person_id)`);
    await q.query(`
      CREATE TABLE payout_line (
        id uuid PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES payout_batch(id),
        time_report_id uuid NOT NULL REFERENCES time_report(id),
        person_id uuid NOT NULL REFERENCES person(id),
        activity_date date NOT NULL,
        state text NOT NULL CHECK (state IN ('pending','paid','held','released')),
        fee_ore bigint NOT NULL DEFAULT 0,
        travel_ore bigint NOT NULL DEFAULT 0,
        fee_rule text,
        table_code text,
        table_version int,
        hold_reason text,
        held_by uuid,
        held_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (batch_id, time_report_id),
        CHECK (state <> 'held' OR length(trim(coalesce(hold_reason, ''))) > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX payout_line_once ON payout_line(time_report_id) WHERE state IN ('pending','paid')`);
    await q.query(`CREATE INDEX payout_line_batch_idx ON payout_line(batch_id, person_id)`);
    await q.query(`
      CREATE TABLE payout_approval (
        batch_id uuid PRIMARY KEY REFERENCES payout_batch(id),
        approved_by uuid NOT NULL,
        approved_at timestamptz NOT NULL DEFAULT now(),
        payment_date date NOT NULL,
        net_ore bigint NOT NULL,
        line_count int NOT NULL
      )`);
    // What is paid stays paid: an approval, a paid line and an approved batch cannot be changed back or deleted.
    await q.query(`
      CREATE FUNCTION payout_approval_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'payout_approval is final'; END $$`);
    await q.query(`
      CREATE FUNCTION payout_line_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state = 'paid' THEN RAISE EXCEPTION 'a paid payout line is final'; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION payout_batch_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state = 'approved' THEN
          IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'an approved payout batch is final'; END IF;
          IF NEW.state <> 'approved' OR NEW.net_ore <> OLD.net_ore OR NEW.payment_date <> OLD.payment_date THEN
            RAISE EXCEPTION 'an approved payout batch is final';
          END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER payout_approval_final BEFORE UPDATE OR DELETE ON payout_approval FOR EACH ROW EXECUTE FUNCTION payout_approval_final()`);
    await q.query(`CREATE TRIGGER payout_line_final BEFORE UPDATE OR DELETE ON payout_line FOR EACH ROW EXECUTE FUNCTION payout_line_final()`);
    await q.query(`CREATE TRIGGER payout_batch_final BEFORE UPDATE OR DELETE ON payout_batch FOR EACH ROW EXECUTE FUNCTION payout_batch_final()`);
    // A line becomes paid only together with its batch's approval.
    await q.query(`
      CREATE FUNCTION payout_line_paid_needs_approval() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state = 'paid' AND NOT EXISTS (SELECT 1 FROM payout_approval WHERE batch_id = NEW.batch_id) THEN
          RAISE EXCEPTION 'a payout line is paid only in an approved batch';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payout_line_paid_check BEFORE INSERT OR UPDATE OF state ON payout_line
      FOR EACH ROW EXECUTE FUNCTION payout_line_paid_needs_approval()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payout_approval`);
    await q.query(`DROP TABLE payout_line`);
    await q.query(`DROP TABLE payout_person`);
    await q.query(`DROP TABLE payout_batch`);
    await q.query(`DROP FUNCTION payout_line_paid_needs_approval`);
    await q.query(`DROP FUNCTION payout_batch_final`);
    await q.query(`DROP FUNCTION payout_line_final`);
    await q.query(`DROP FUNCTION payout_approval_final`);
  }
}
