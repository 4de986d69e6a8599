import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live sync: the registry of SDK instances (what each runs, ACKed or NACKed) and fleet-wide overrides.
 * Both are keyed by environment name and follow its renames; an environment's rows go with it.
 */
export class LiveSync1764500000000 implements MigrationInterface {
  name = 'LiveSync1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sdk_instances (
        environment text NOT NULL REFERENCES environments(name) ON UPDATE CASCADE ON DELETE CASCADE,
        service text NOT NULL,
        instance_id text NOT NULL,
        hostname text NOT NULL,
        pid integer NOT NULL,
        sdk_version text NOT NULL,
        breakers jsonb NOT NULL DEFAULT '[]'::jsonb,
        node_id text NOT NULL,
        socket_id text,
        connected_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        disconnected_at timestamptz,
        applied_revision bigint,
        applied_hash text,
        applied_at timestamptz,
        hash_verified boolean,
        last_nack_revision bigint,
        last_nack_reason text,
        last_nack_at timestamptz,
        PRIMARY KEY (environment, service, instance_id),
        CHECK ((socket_id IS NULL) = (disconnected_at IS NOT NULL))
      )`);
    await queryRunner.query(
      'CREATE INDEX sdk_instances_expiry ON sdk_instances (disconnected_at) WHERE disconnected_at IS NOT NULL',
    );
    await queryRunner.query(`
      CREATE TABLE fleet_overrides (
        environment text NOT NULL REFERENCES environments(name) ON UPDATE CASCADE ON DELETE CASCADE,
        service text NOT NULL,
        breaker text NOT NULL,
        action text NOT NULL CHECK (action IN ('force_open', 'force_close')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        message text NOT NULL DEFAULT '',
        PRIMARY KEY (environment, service, breaker)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE fleet_overrides, sdk_instances');
  }
}
