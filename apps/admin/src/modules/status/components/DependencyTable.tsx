import type { HealthReport } from '@breakwater/contracts';
import { Badge, Table, Text } from '@mantine/core';

const LABELS: Record<string, string> = { postgres: 'PostgreSQL', redis: 'Redis' };
const COLORS = { up: 'green', degraded: 'yellow', down: 'red' } as const;

export interface DependencyTableProps {
  report: HealthReport;
}

/** One row per dependency of the control plane, with its state and response time or error. */
export function DependencyTable({ report }: DependencyTableProps) {
  const rows = Object.entries(report.details);
  if (rows.length === 0) return <Text c="dimmed">No dependencies reported.</Text>;
  return (
    <Table striped withTableBorder aria-label="Dependencies">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Dependency</Table.Th>
          <Table.Th>State</Table.Th>
          <Table.Th>Detail</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([key, result]) => (
          <Table.Tr key={key}>
            <Table.Td>{LABELS[key] ?? key}</Table.Td>
            <Table.Td>
              <Badge color={COLORS[result.status]} variant="light">
                {result.status}
              </Badge>
            </Table.Td>
            <Table.Td>
              {result.status === 'down'
                ? (result.message ?? 'not answering')
                : result.responseTime !== undefined
                  ? `${result.responseTime} ms`
                  : ''}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
