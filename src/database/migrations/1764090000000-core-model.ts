import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, people (personal numbers and bank accounts encrypted) and assignments. */
export class CoreModel1764090000000 implements MigrationInterface {
  name = 'CoreModel1764090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(trim(name)) > 0),
        org_number text,
        perspective text NOT NULL CHECK (perspective IN ('patient','next-of-kin','both')),
        contact_email text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY,
        full_name text NOT NULL CHECK (length(trim(full_name)) > 0),
        email text NOT NULL,
        phone text,
        perspective text CHECK (perspective IN ('patient','next-of-kin')),
        accessibility_needs text,
        birth_date date,
        personal_number_enc text,
        personal_number_index text UNIQUE,
        bank_account_enc text,
        postal_address text,
        tax_table_main_income boolean NOT NULL DEFAULT false,
        tax_table_percent numeric(5,2),
        details_given_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_email_idx ON person(lower(email))`);
    await q.query(`
      CREATE TABLE assignment (
        id uuid PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES working_group(id),
        person_id uuid NOT NULL REFERENCES person(id),
        representation text NOT NULL CHECK (representation IN ('mandate','own-experience','both')),
        nominating_organisation_id uuid REFERENCES organisation(id),
        state text NOT NULL DEFAULT 'nominated',
        period_start date,
        period_end date,
        fee_mode text NOT NULL DEFAULT 'session' CHECK (fee_mode IN ('session','hourly')),
        reporting_frequency text NOT NULL DEFAULT 'quarterly' CHECK (reporting_frequency IN ('monthly','quarterly')),
        employed_by_organisation boolean NOT NULL DEFAULT false,
        extra_preparation_days int NOT NULL DEFAULT 0 CHECK (extra_preparation_days >= 0),
        estimated_meeting_hours int CHECK (estimated_meeting_hours >= 0),
        estimated_other_hours int CHECK (estimated_other_hours >= 0),
        contact_user_id uuid,
        end_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
        CHECK (representation = 'own-experience' OR nominating_organisation_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX assignment_group_idx ON assignment(group_id, state)`);
    await q.query(`CREATE INDEX assignment_person_idx ON assignment(person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assignment`);
    await q.query(`DROP TABLE person`);
    await q.query(`DROP TABLE organisation`);
  }
}
