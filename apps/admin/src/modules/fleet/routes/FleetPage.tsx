import type { InstanceStatus } from '@breakwater/contracts';
import { Badge, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { QueryState } from '../../../components/QueryState';
import { formatTime } from '../../../lib/format';
import { useUrlState } from '../../../lib/url-state';
import { useServices } from '../../services/api/services.api';
import { useInstances } from '../api/fleet.api';
import { OverrideBanner } from '../components/OverrideControls';

const SYNC_COLOR: Record<InstanceStatus['syncStatus'], string> = { synced: 'green', stale: 'orange', offline: 'gray' };

/** SDK instances of an environment: connection, SDK version, applied revision, drift and NACKs, refreshed live. */
export function FleetPage() {
  const { env = '' } = useParams();
  const [filters, setFilters] = useUrlState(['service'] as const);
  const services = useServices();
  const fleet = useInstances(env, filters.service || undefined);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Fleet in {env}</Title>
        <Select
          aria-label="Service"
          placeholder="All services"
          data={(services.data ?? []).map((s) => s.name)}
          value={filters.service || null}
          onChange={(v) => setFilters({ service: v ?? undefined })}
          clearable
        />
      </Group>
      <Text size="sm" c="dimmed">
        Updates live as instances connect, apply or reject changes (slow refresh while reconnecting).
      </Text>
      <QueryState query={fleet} what="the fleet">
        {(data) => (
          <Stack>
            {data.overrides.map((o) => (
              <OverrideBanner key={`${o.service}/${o.breaker}`} override={o} />
            ))}
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Instances (environment revision {data.currentRevision})
              </Title>
              {data.instances.length === 0 ? (
                <Text c="dimmed" data-testid="empty-state">
                  No SDK instance has connected{filters.service ? ` for ${filters.service}` : ''} yet.
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={800}>
                  <Table aria-label="Instances" striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Service</Table.Th>
                        <Table.Th>Instance</Table.Th>
                        <Table.Th>Connection</Table.Th>
                        <Table.Th>SDK</Table.Th>
                        <Table.Th>Applied revision</Table.Th>
                        <Table.Th>Sync</Table.Th>
                        <Table.Th>Last rejection</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.instances.map((i) => (
                        <Table.Tr key={i.instanceId} data-instance={i.instanceId}>
                          <Table.Td>{i.service}</Table.Td>
                          <Table.Td>
                            <Text size="sm">{i.hostname}</Text>
                            <Text size="xs" c="dimmed">
                              pid {i.pid} · {i.instanceId}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Badge color={i.connected ? 'green' : 'gray'} variant="light">
                              {i.connected ? 'connected' : 'disconnected'}
                            </Badge>
                            <Text size="xs" c="dimmed">
                              seen {formatTime(i.lastSeenAt)}
                            </Text>
                          </Table.Td>
                          <Table.Td>{i.sdkVersion}</Table.Td>
                          <Table.Td>
                            <span data-testid="applied-revision">{i.appliedRevision ?? '—'}</span>
                            {i.hashVerified === false && (
                              <Badge color="red" size="xs" ml={4}>
                                hash mismatch
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Badge color={SYNC_COLOR[i.syncStatus]}>{i.syncStatus}</Badge>
                          </Table.Td>
                          <Table.Td>
                            {i.lastNack ? (
                              <Text size="sm" c="red">
                                r{i.lastNack.revision}: {i.lastNack.reason}
                              </Text>
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Breakers on their current version
              </Title>
              {data.drift.length === 0 ? (
                <Text c="dimmed">No breakers.</Text>
              ) : (
                <Table aria-label="Drift" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Breaker</Table.Th>
                      <Table.Th>Version</Table.Th>
                      <Table.Th>Instances on it</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.drift.map((d) => (
                      <Table.Tr key={`${d.service}/${d.breaker}`} data-breaker={`${d.service}/${d.breaker}`}>
                        <Table.Td>
                          {d.service}/{d.breaker}
                        </Table.Td>
                        <Table.Td>v{d.version}</Table.Td>
                        <Table.Td c={d.current < d.total ? 'orange' : undefined}>{d.summary}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
