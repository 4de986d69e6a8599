import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Override audit entries name their breaker as breaker configs do (`env/service/name`, was `service/name`), so
 * filtering the audit log by one breaker shows its config changes and overrides together.
 */
export class OverrideAuditResource1764600000000 implements MigrationInterface {
  name = 'OverrideAuditResource1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE audit_events SET resource_id = environment || '/' || resource_id
      WHERE resource_type = 'breaker_override' AND environment IS NOT NULL
        AND array_length(string_to_array(resource_id, '/'), 1) = 2`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE audit_events SET resource_id = substr(resource_id, length(environment) + 2)
      WHERE resource_type = 'breaker_override' AND environment IS NOT NULL
        AND resource_id LIKE environment || '/%' AND array_length(string_to_array(resource_id, '/'), 1) = 3`);
  }
}
