import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { viewDraft, type BreakerDraft } from '../model/breaker-draft';
import { YamlEditor } from './YamlEditor';

function Harness({ onDraft }: { onDraft: (draft: BreakerDraft) => void }) {
  const [draft, setDraft] = useState<BreakerDraft>({
    name: 'claude',
    template: 'ai_provider',
    overrides: {},
    metadata: {},
  });
  const view = viewDraft(draft, { environment: 'production' });
  return (
    <MantineProvider>
      <YamlEditor
        draft={draft}
        effective={view.effective?.config}
        errors={view.resolution.errors}
        onChange={(next) => {
          setDraft(next);
          onDraft(next);
        }}
      />
    </MantineProvider>
  );
}

describe('YamlEditor', () => {
  it("edits the breaker's own values in the guide's snake_case format", () => {
    const drafts: BreakerDraft[] = [];
    render(<Harness onDraft={(d) => drafts.push(d)} />);
    const yaml = screen.getByRole('textbox', { name: 'YAML' });
    expect((yaml as HTMLTextAreaElement).value).toBe('name: claude\nmetadata:\n  template: ai_provider\n');
    fireEvent.change(yaml, { target: { value: 'name: claude\nbulkhead_config:\n  max_concurrent_calls: 5\n' } });
    expect(drafts.at(-1)).toEqual({
      name: 'claude',
      template: undefined,
      overrides: { bulkheadConfig: { maxConcurrentCalls: 5 } },
      metadata: {},
    });
  });

  it('names a wrong field as the file spells it, suggestion included', () => {
    render(<Harness onDraft={() => undefined} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'YAML' }), {
      target: { value: 'name: claude\nfailure_treshold: 2\n' },
    });
    expect(screen.getByRole('alert').textContent).toContain(
      'failure_treshold: unknown field, did you mean failure_threshold?',
    );
  });

  it('points at the line of a YAML syntax error and keeps the last good draft', () => {
    const drafts: BreakerDraft[] = [];
    render(<Harness onDraft={(d) => drafts.push(d)} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'YAML' }), {
      target: { value: 'name: claude\ntimeout: [1\n' },
    });
    expect(screen.getByRole('alert').textContent).toMatch(/line \d+/);
    expect(drafts).toEqual([]);
  });
});
