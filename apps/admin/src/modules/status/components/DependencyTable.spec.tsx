import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DependencyTable } from './DependencyTable';

function renderTable(report: Parameters<typeof DependencyTable>[0]['report']) {
  return render(
    <MantineProvider>
      <DependencyTable report={report} />
    </MantineProvider>,
  );
}

describe('DependencyTable', () => {
  it('shows each dependency with its state and detail', () => {
    renderTable({
      status: 'error',
      details: {
        postgres: { status: 'up', responseTime: 4 },
        redis: { status: 'down', message: 'redis connection is reconnecting' },
      },
    });
    const rows = within(screen.getByRole('table', { name: 'Dependencies' })).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'DependencyStateDetail',
      'PostgreSQLup4 ms',
      'Redisdownredis connection is reconnecting',
    ]);
  });

  it('says so when nothing is reported', () => {
    renderTable({ status: 'ok', details: {} });
    expect(screen.getByText('No dependencies reported.')).toBeTruthy();
  });
});
