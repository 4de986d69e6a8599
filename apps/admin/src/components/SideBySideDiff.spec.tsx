import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { changedParts, sideBySide } from './side-by-side';
import { SideBySideDiff } from './SideBySideDiff';

describe('sideBySide', () => {
  it('pairs a replaced line with its replacement and keeps line numbers per side', () => {
    const rows = sideBySide('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 5\nc: 3\nd: 4\n');
    expect(rows).toEqual([
      { kind: 'same', left: { number: 1, text: 'a: 1' }, right: { number: 1, text: 'a: 1' } },
      { kind: 'changed', left: { number: 2, text: 'b: 2' }, right: { number: 2, text: 'b: 5' } },
      { kind: 'same', left: { number: 3, text: 'c: 3' }, right: { number: 3, text: 'c: 3' } },
      { kind: 'added', right: { number: 4, text: 'd: 4' } },
    ]);
  });

  it('shows a removed line on the left only', () => {
    expect(sideBySide('x\ny\n', 'x\n').map((row) => row.kind)).toEqual(['same', 'removed']);
  });
});

describe('changedParts', () => {
  it('splits a changed line into the unchanged and changed words of each side', () => {
    expect(changedParts('timeout: 30', 'timeout: 45')).toEqual({
      left: [
        { text: 'timeout: ', changed: false },
        { text: '30', changed: true },
      ],
      right: [
        { text: 'timeout: ', changed: false },
        { text: '45', changed: true },
      ],
    });
  });
});

describe('SideBySideDiff', () => {
  it('renders both versions in columns and marks what changed', () => {
    render(
      <MantineProvider>
        <SideBySideDiff
          before={'timeout: 30\npriority: 1\n'}
          after={'timeout: 45\npriority: 1\n'}
          beforeLabel="v1"
          afterLabel="v2"
        />
      </MantineProvider>,
    );
    const table = screen.getByRole('table', { name: 'Diff' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['', 'v1', '', 'v2']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-kind'))).toEqual(['changed', 'same']);
    expect(rows[0]?.textContent).toBe('1− timeout: 301+ timeout: 45');
    expect(screen.getByRole('status').textContent).toBe('1 changed line');
    // Inside a changed line, only the words that changed are marked.
    expect(
      within(table)
        .getAllByText((_, el) => el?.tagName === 'MARK')
        .map((m) => m.textContent),
    ).toEqual(['30', '45']);
  });

  it('says when two versions are the same', () => {
    render(
      <MantineProvider>
        <SideBySideDiff before="a: 1\n" after="a: 1\n" beforeLabel="v1" afterLabel="v1" />
      </MantineProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('No differences.');
  });
});
