import { resolveBreakerConfig } from '@breakwater/contracts';
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { viewDraft, type BreakerDraft } from '../model/breaker-draft';
import { BreakerConfigForm } from './BreakerConfigForm';

function Harness({ initial, onDraft }: { initial: BreakerDraft; onDraft?: (draft: BreakerDraft) => void }) {
  const [draft, setDraft] = useState(initial);
  return (
    <MantineProvider>
      <BreakerConfigForm
        draft={draft}
        view={viewDraft(draft, { environment: 'production' })}
        onChange={(next) => {
          setDraft(next);
          onDraft?.(next);
        }}
      />
    </MantineProvider>
  );
}

const base: BreakerDraft = {
  name: 'orders-db',
  template: 'database',
  overrides: { failureThreshold: 7 },
  metadata: {},
};

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label, { selector: 'input' });
}

describe('BreakerConfigForm', () => {
  it('shows each effective value with where it comes from', () => {
    render(<Harness initial={base} />);
    expect(input('Failure threshold').value).toBe('7');
    expect(screen.getByTestId('source-failureThreshold').textContent).toBe('override');
    // production's profile sets the failure rate; the database template sets the circuit type and window.
    expect(input('Failure rate threshold').value).toBe('0.3');
    expect(screen.getByTestId('source-failureRateThreshold').textContent).toBe('environment');
    expect(input('Circuit type').value).toBe('percentage_based');
    expect(screen.getByTestId('source-circuitType').textContent).toBe('template');
    // The adaptive tuning has no effect on a percentage_based breaker, so it is not offered.
    expect(screen.queryByTestId('source-adaptiveConfig.throttleK')).toBeNull();
  });

  it('names the field and rule with the same message as the contracts schema (and so the server)', () => {
    render(<Harness initial={base} />);
    fireEvent.change(input('Minimum calls'), { target: { value: '0' } });
    const expected = resolveBreakerConfig({ name: 'orders-db', template: 'database', overrides: { minimumCalls: 0 } });
    if (expected.success) throw new Error('the schema accepted minimumCalls 0');
    expect(expected.errors[0]?.message).toBe('minimumCalls: must be a positive integer (at least 1)');
    expect(screen.getByText('minimumCalls: must be a positive integer (at least 1)')).toBeTruthy();
    expect(input('Minimum calls').getAttribute('aria-invalid')).toBe('true');
  });

  it('reports a cross-field rule at the field it names', () => {
    render(<Harness initial={base} />);
    fireEvent.change(input('Max open timeout (s)'), { target: { value: '10' } });
    expect(screen.getByText('maxTimeout: must not be below timeout (30 s)')).toBeTruthy();
  });

  it('typing makes an override and reset returns to the inherited value', () => {
    const drafts: BreakerDraft[] = [];
    render(<Harness initial={base} onDraft={(draft) => drafts.push(draft)} />);
    fireEvent.change(input('Open timeout (s)'), { target: { value: '45' } });
    expect(drafts.at(-1)?.overrides).toEqual({ failureThreshold: 7, timeout: 45 });
    expect(screen.getByTestId('source-timeout').textContent).toBe('override');

    fireEvent.click(screen.getByRole('button', { name: 'Reset Open timeout (s)' }));
    expect(drafts.at(-1)?.overrides).toEqual({ failureThreshold: 7 });
    expect(input('Open timeout (s)').value).toBe('30');
    expect(screen.getByTestId('source-timeout').textContent).toBe('environment');
  });

  it('switching the bulkhead off stores null, which hides its fields', () => {
    const drafts: BreakerDraft[] = [];
    render(<Harness initial={base} onDraft={(draft) => drafts.push(draft)} />);
    expect(input('Max concurrent calls').value).toBe('50');
    fireEvent.click(screen.getByRole('switch', { name: 'Use a bulkhead' }));
    expect(drafts.at(-1)?.overrides).toEqual({ failureThreshold: 7, bulkheadConfig: null });
    expect(screen.queryByLabelText('Max concurrent calls')).toBeNull();
  });
});
