import { Alert, Stack, Title } from '@mantine/core';
import { useParams } from 'react-router';

/** Instances per service with their connection state and applied revision (live sync). */
export function FleetPage() {
  const { env = '' } = useParams();
  return (
    <Stack>
      <Title order={1}>Fleet in {env}</Title>
      <Alert color="blue" title="Not available yet" data-testid="empty-state">
        This control plane does not report connected SDK instances yet.
      </Alert>
    </Stack>
  );
}
