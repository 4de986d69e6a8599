import { describe, expect, it } from 'vitest';
import { draftToYaml, rebaseDraft, viewDraft, yamlToDraft, type BreakerDraft } from './breaker-draft';

const draft: BreakerDraft = {
  name: 'claude_production',
  template: 'ai_provider',
  overrides: { failureThreshold: 2, bulkheadConfig: { maxConcurrentCalls: 20 } },
  metadata: { description: 'Production Claude', tags: ['ai'] },
};

describe('draft YAML', () => {
  it("writes the guide's snake_case file and reads it back", () => {
    const yaml = draftToYaml(draft);
    expect(yaml).toBe(
      [
        'name: claude_production',
        'failure_threshold: 2',
        'bulkhead_config:',
        '  max_concurrent_calls: 20',
        'metadata:',
        '  description: Production Claude',
        '  tags:',
        '    - ai',
        '  template: ai_provider',
        '',
      ].join('\n'),
    );
    expect(yamlToDraft(yaml, 'x')).toEqual({ ok: true, draft });
  });

  it('names the line of a syntax error and the field of an unknown key', () => {
    const syntax = yamlToDraft('name: a\n  bad: [', 'a');
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.errors[0]?.path).toMatch(/^line \d+$/);

    const typo = yamlToDraft('failure_treshold: 3\n', 'a');
    if (!typo.ok) throw new Error('a readable document');
    expect(viewDraft(typo.draft).resolution.errors.map((e) => e.message)).toEqual([
      'failureTreshold: unknown field, did you mean failureThreshold?',
    ]);
  });

  it('rejects an unknown template', () => {
    const result = yamlToDraft('metadata:\n  template: nope\n', 'a');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('metadata.template');
  });
});

describe('viewDraft', () => {
  it('keeps a preview while a value is invalid: the bad value falls back to the layer below', () => {
    const view = viewDraft({ ...draft, overrides: { failureThreshold: 0 } }, { environment: 'production' });
    expect(view.resolution.ok).toBe(false);
    expect(view.effective?.config.failureThreshold).toBe(3);
    expect(view.effective?.sources['failureThreshold']).toBe('environment');
  });
});

describe('rebaseDraft', () => {
  it("re-applies only the fields the user changed on top of someone else's save", () => {
    const base: BreakerDraft = { name: 'b', overrides: { timeout: 30, priority: 2 }, metadata: {} };
    const mine: BreakerDraft = { ...base, overrides: { timeout: 45, priority: 2, bulkheadConfig: null } };
    const theirs: BreakerDraft = { ...base, overrides: { timeout: 30, priority: 1, minimumCalls: 5 } };
    expect(rebaseDraft(base, mine, theirs).overrides).toEqual({
      timeout: 45,
      priority: 1,
      minimumCalls: 5,
      bulkheadConfig: null,
    });
  });
});
