import { describe, expect, it } from 'vitest';
import { BreakerConfigError } from './breaker-config.errors.js';
import { ImportExportService } from './import-export.service.js';

/** parse() needs none of the service's collaborators. */
const service = new ImportExportService(
  ...([undefined, undefined, undefined, undefined] as unknown as ConstructorParameters<typeof ImportExportService>),
);

function problems(yaml: string): Array<{ path: string; message: string }> {
  try {
    service.parse(yaml, 'production');
  } catch (error) {
    if (error instanceof BreakerConfigError)
      return (error.details as { fields: Array<{ path: string; message: string }> }).fields;
    throw error;
  }
  return [];
}

describe('ImportExportService.parse', () => {
  it('reads the guide format with a service into template, overrides and metadata', () => {
    expect(
      service.parse(
        'service: pay\nname: stripe\nfailure_threshold: 3\nmetadata:\n  template: external_api\n  tags: [a]\n',
        'production',
      ),
    ).toEqual([
      {
        service: 'pay',
        name: 'stripe',
        content: { template: 'external_api', overrides: { failureThreshold: 3 }, metadata: { tags: ['a'] } },
      },
    ]);
  });

  it('skips empty documents', () => {
    expect(service.parse('---\nservice: a\nname: b\n---\n', 'production')).toHaveLength(1);
  });

  it('names each problem by document and YAML key', () => {
    expect(problems('name: x\n').map((p) => p.path)).toEqual(['documents[0].service']);
    expect(problems('- a\n- b\n').map((p) => p.path)).toEqual(['documents[0]']);
    const typo = problems('service: a\nname: b\nfailure_treshold: 3\n');
    expect(typo.map((p) => p.path)).toEqual(['documents[0].failure_treshold']);
    expect(problems('service: a\nname: b\n---\nservice: a\nname: b\n').map((p) => p.path)).toEqual([
      'documents[1].name',
    ]);
  });
});
