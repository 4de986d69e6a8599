import { Alert, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useLiveness, useReadiness } from '../api/health.api';
import { DependencyTable } from '../components/DependencyTable';

/** System status: is the control plane up, and can it reach its database and Redis. */
export function StatusPage() {
  const liveness = useLiveness();
  const readiness = useReadiness();

  return (
    <Stack gap="lg">
      <Title order={1}>System status</Title>
      <Card withBorder>
        <Group justify="space-between">
          <Text fw={600}>Control plane</Text>
          {liveness.isPending ? (
            <Loader size="sm" aria-label="Loading control plane status" />
          ) : liveness.isError ? (
            <Badge color="red">unreachable</Badge>
          ) : (
            <Group gap="xs">
              <Badge color="green">running</Badge>
              <Text size="sm" c="dimmed">
                version {liveness.data.version}, up {liveness.data.uptimeSeconds} s
              </Text>
            </Group>
          )}
        </Group>
      </Card>
      <Card withBorder>
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>Dependencies</Text>
            {readiness.data && (
              <Badge color={readiness.data.status === 'ok' ? 'green' : 'red'} data-testid="readiness">
                {readiness.data.status === 'ok' ? 'ready' : 'not ready'}
              </Badge>
            )}
          </Group>
          {readiness.isPending && <Loader size="sm" aria-label="Loading dependencies" />}
          {readiness.isError && (
            <Alert color="red" title="Could not read the readiness report">
              {readiness.error.message}
            </Alert>
          )}
          {readiness.data && <DependencyTable report={readiness.data} />}
        </Stack>
      </Card>
    </Stack>
  );
}
