import { AppShell, Group, Title } from '@mantine/core';
import { StatusPage } from '../modules/status/routes/StatusPage';

export function App() {
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md">
          <Title order={3} component="span">
            Breakwater
          </Title>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <StatusPage />
      </AppShell.Main>
    </AppShell>
  );
}
