import { Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { changedParts, sideBySide, type DiffRow } from './side-by-side';

export interface SideBySideDiffProps {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
  /** Accessible name of the table. */
  label?: string;
}

const BACKGROUND = {
  removed: 'var(--mantine-color-red-light)',
  added: 'var(--mantine-color-green-light)',
} as const;

function cellStyle(row: DiffRow, side: 'left' | 'right') {
  const line = row[side];
  if (!line) return { background: 'var(--mantine-color-default-hover)' };
  if (row.kind === 'same') return undefined;
  if (side === 'left' && (row.kind === 'removed' || row.kind === 'changed')) return { background: BACKGROUND.removed };
  if (side === 'right' && (row.kind === 'added' || row.kind === 'changed')) return { background: BACKGROUND.added };
  return undefined;
}

const MARK = { left: '−', right: '+' } as const;
/** The words that changed inside a changed line, a shade stronger than the line. */
const MARK_BACKGROUND = { left: 'var(--mantine-color-red-2)', right: 'var(--mantine-color-green-2)' } as const;

/** Two texts (YAML of two versions) side by side, changed lines highlighted and marked for screen readers. */
export function SideBySideDiff({ before, after, beforeLabel, afterLabel, label = 'Diff' }: SideBySideDiffProps) {
  const rows = useMemo(() => sideBySide(before, after), [before, after]);
  const changes = rows.filter((row) => row.kind !== 'same').length;
  const cell = (row: DiffRow, side: 'left' | 'right') => {
    const line = row[side];
    const changed = line && row.kind !== 'same' && cellStyle(row, side) !== undefined;
    return (
      <>
        <Table.Td c="dimmed" ta="right" w={40} style={cellStyle(row, side)}>
          {line?.number}
        </Table.Td>
        <Table.Td
          ff="monospace"
          style={{ ...cellStyle(row, side), whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          data-change={changed ? (side === 'left' ? 'removed' : 'added') : undefined}
        >
          {changed && <span aria-label={side === 'left' ? 'removed' : 'added'}>{MARK[side]} </span>}
          {row.kind === 'changed' && row.left && row.right
            ? changedParts(row.left.text, row.right.text)[side].map((part, index) =>
                part.changed ? (
                  <mark key={index} style={{ background: MARK_BACKGROUND[side], color: 'inherit' }}>
                    {part.text}
                  </mark>
                ) : (
                  <span key={index}>{part.text}</span>
                ),
              )
            : line?.text}
        </Table.Td>
      </>
    );
  };
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs" role="status">
        {changes === 0 ? 'No differences.' : `${changes} changed line${changes === 1 ? '' : 's'}`}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label={label} withTableBorder withColumnBorders fz="xs" verticalSpacing={2} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40} />
              <Table.Th>{beforeLabel}</Table.Th>
              <Table.Th w={40} />
              <Table.Th>{afterLabel}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={index} data-kind={row.kind}>
                {cell(row, 'left')}
                {cell(row, 'right')}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
