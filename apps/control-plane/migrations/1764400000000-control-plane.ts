import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The system of record: services, versioned breaker configs, users, sessions, API keys and the audit log.
 * Every write bumps its environment's `revision` in the same transaction, so a client can ask for what changed
 * after the revision it last saw.
 */
export class ControlPlane1764400000000 implements MigrationInterface {
  name = 'ControlPlane1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE environments
        ADD COLUMN defaults jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN revision bigint NOT NULL DEFAULT 0,
        ADD COLUMN defaults_revision bigint NOT NULL DEFAULT 0,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    // The guide's configuration guidelines, as the built-in environments' starting defaults (editable).
    await queryRunner.query(`
      UPDATE environments SET defaults = CASE name
        WHEN 'development' THEN '{"failureThreshold":10,"timeout":120,"failureRateThreshold":0.7,"minimumCalls":5}'::jsonb
        WHEN 'production' THEN '{"failureThreshold":3,"timeout":30,"failureRateThreshold":0.3,"minimumCalls":10}'::jsonb
        ELSE '{}'::jsonb END
      WHERE built_in`);
    await queryRunner.query(`
      CREATE TABLE services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        description text NOT NULL DEFAULT '',
        owner text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // `service` is a name, not a foreign key: deleting a service keeps the history of its soft-deleted breakers.
    await queryRunner.query(`
      CREATE TABLE breaker_configs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        environment text NOT NULL REFERENCES environments(name) ON UPDATE CASCADE,
        service text NOT NULL,
        name text NOT NULL,
        current_version integer NOT NULL,
        revision bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        deleted_at timestamptz,
        UNIQUE (environment, service, name)
      )`);
    await queryRunner.query('CREATE INDEX breaker_configs_env_revision ON breaker_configs (environment, revision)');
    await queryRunner.query(`
      CREATE TABLE breaker_config_versions (
        config_id uuid NOT NULL REFERENCES breaker_configs(id),
        version integer NOT NULL CHECK (version >= 1),
        template text,
        overrides jsonb NOT NULL,
        metadata jsonb NOT NULL,
        effective jsonb NOT NULL,
        content_hash text NOT NULL,
        author text NOT NULL,
        message text,
        revision bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (config_id, version)
      )`);
    // Versions are immutable: the database refuses to change or remove one.
    await queryRunner.query(`
      CREATE FUNCTION breaker_config_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'breaker config versions are immutable';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER breaker_config_versions_immutable BEFORE UPDATE OR DELETE ON breaker_config_versions
      FOR EACH ROW EXECUTE FUNCTION breaker_config_versions_immutable()`);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        disabled boolean NOT NULL DEFAULT false,
        must_change_password boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX sessions_user ON sessions (user_id)');
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('sdk', 'admin')),
        role text CHECK (role IN ('viewer', 'editor', 'admin')),
        environment text REFERENCES environments(name) ON UPDATE CASCADE,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CHECK ((type = 'sdk' AND environment IS NOT NULL AND role IS NULL)
            OR (type = 'admin' AND environment IS NULL AND role IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        actor_type text NOT NULL,
        actor_id text,
        actor_label text NOT NULL,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text NOT NULL,
        environment text,
        before jsonb,
        after jsonb,
        message text,
        ip text
      )`);
    await queryRunner.query('CREATE INDEX audit_events_created ON audit_events (created_at DESC, id DESC)');
    await queryRunner.query('CREATE INDEX audit_events_resource ON audit_events (resource_type, resource_id)');
    await queryRunner.query('CREATE INDEX audit_events_action ON audit_events (action, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE audit_events, api_keys, sessions, users, breaker_config_versions, breaker_configs, services',
    );
    await queryRunner.query('DROP FUNCTION breaker_config_versions_immutable()');
    await queryRunner.query(
      'ALTER TABLE environments DROP COLUMN defaults, DROP COLUMN revision, DROP COLUMN defaults_revision, DROP COLUMN updated_at',
    );
  }
}
