import { CIRCUIT_TYPES, SERVICE_CATEGORIES } from '@breakwater/contracts';
import { Anchor, Badge, Breadcrumbs, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/QueryState';
import { formatTime } from '../../../lib/format';
import { useUrlState } from '../../../lib/url-state';
import { usePermissions } from '../../auth/api/auth.api';
import { overrideOf, useInstances } from '../../fleet/api/fleet.api';
import { useService } from '../../services/api/services.api';
import { useBreakers } from '../api/breakers.api';
import { keyThresholds } from '../components/thresholds';

/** The breakers of one service in one environment; filters live in the URL. */
export function BreakersPage() {
  const { env = '', service = '' } = useParams();
  const { canEdit } = usePermissions();
  const serviceQuery = useService(service);
  const [filters, setFilters] = useUrlState(['circuitType', 'category', 'tag'] as const);
  const breakers = useBreakers(env, {
    service,
    circuitType: filters.circuitType || undefined,
    category: filters.category || undefined,
    tag: filters.tag || undefined,
  });
  const fleet = useInstances(env, service);
  const base = `/env/${env}/services/${service}`;

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to={`/env/${env}/services`}>
          Services
        </Anchor>
        <Text>{service}</Text>
      </Breadcrumbs>
      <Group justify="space-between">
        <div>
          <Title order={1}>{service}</Title>
          {serviceQuery.data && (
            <Text c="dimmed" size="sm">
              {serviceQuery.data.owner ? `Owner: ${serviceQuery.data.owner}. ` : ''}
              {serviceQuery.data.description}
            </Text>
          )}
        </div>
        {canEdit && (
          <Button component={Link} to={`${base}/breakers/new`}>
            New breaker
          </Button>
        )}
      </Group>
      <Group>
        <Select
          aria-label="Circuit type"
          placeholder="Any circuit type"
          data={[...CIRCUIT_TYPES]}
          value={filters.circuitType || null}
          onChange={(v) => setFilters({ circuitType: v ?? undefined })}
          clearable
        />
        <Select
          aria-label="Category"
          placeholder="Any category"
          data={[...SERVICE_CATEGORIES]}
          value={filters.category || null}
          onChange={(v) => setFilters({ category: v ?? undefined })}
          clearable
        />
        <TextInput
          aria-label="Tag"
          placeholder="Tag"
          value={filters.tag}
          onChange={(e) => setFilters({ tag: e.currentTarget.value })}
        />
      </Group>
      <QueryState
        query={breakers}
        what="breakers"
        isEmpty={(data) => data.items.length === 0}
        empty={
          filters.circuitType || filters.category || filters.tag
            ? 'No breaker matches the filters.'
            : `No breakers in ${env} for ${service} yet.`
        }
      >
        {(data) => (
          <Table.ScrollContainer minWidth={700}>
            <Table aria-label="Breakers" striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Breaker</Table.Th>
                  <Table.Th>Circuit type</Table.Th>
                  <Table.Th>Key thresholds</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Last changed</Table.Th>
                  <Table.Th>Instances</Table.Th>
                  <Table.Th>Override</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((breaker) => (
                  <Table.Tr key={breaker.name} data-breaker={breaker.name}>
                    <Table.Td>
                      <Anchor component={Link} to={`${base}/breakers/${breaker.name}`}>
                        {breaker.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {breaker.effective.circuitType}
                      </Text>
                    </Table.Td>
                    <Table.Td>{keyThresholds(breaker.effective)}</Table.Td>
                    <Table.Td>v{breaker.version}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{breaker.updatedBy}</Text>
                      <Text size="xs" c="dimmed">
                        {formatTime(breaker.updatedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td data-testid="instances">
                      {(() => {
                        const drift = fleet.data?.drift.find((d) => d.breaker === breaker.name);
                        return drift && drift.total > 0 ? `${drift.current} of ${drift.total}` : '—';
                      })()}
                    </Table.Td>
                    <Table.Td>
                      {(() => {
                        const active = overrideOf(fleet.data?.overrides, service, breaker.name);
                        return active ? (
                          <Badge
                            color={active.action === 'force_open' ? 'red' : 'orange'}
                            tt="none"
                            style={{ overflow: 'visible' }}
                          >
                            {active.action}
                          </Badge>
                        ) : (
                          <Text c="dimmed" size="sm">
                            none
                          </Text>
                        );
                      })()}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Stack>
  );
}
