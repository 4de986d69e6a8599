import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first schema: environments, with the three every installation starts with. */
export class Initial1764300000000 implements MigrationInterface {
  name = 'Initial1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE environments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
        description text NOT NULL DEFAULT '',
        built_in boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO environments (name, description, built_in) VALUES
        ('development', 'Local and shared development', true),
        ('staging', 'Pre-production', true),
        ('production', 'Production', true)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE environments');
  }
}
