import { Anchor, AppShell, Burger, Button, Group, Menu, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { useLogout, useMe, usePermissions } from '../modules/auth/api/auth.api';
import { rememberEnvironment, useCurrentEnvironment } from '../modules/environments/api/environments.api';
import { EnvironmentSwitcher } from '../modules/environments/components/EnvironmentSwitcher';
import { useWatchEnvironment } from '../modules/live/api/live';
import { LiveIndicator } from '../modules/live/components/LiveIndicator';

/** The frame of every signed-in page: header with the environment switcher and user menu, navigation on the side. */
export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe();
  const { isAdmin, canEdit, role } = usePermissions();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const env = useCurrentEnvironment();
  const { env: urlEnv } = useParams();
  // Pages without an environment in their URL (audit, keys) keep working in the last one opened.
  useEffect(() => {
    if (urlEnv) rememberEnvironment(urlEnv);
  }, [urlEnv]);
  useWatchEnvironment(env);
  const envBase = env ? `/env/${encodeURIComponent(env)}` : '/env';
  const who = me.data?.kind === 'user' ? me.data.user.email : me.data?.kind === 'api_key' ? me.data.name : '';

  const links = [
    { to: `${envBase}/services`, label: 'Services', match: /\/services/ },
    { to: `${envBase}/fleet`, label: 'Fleet', match: /\/fleet/ },
    ...(canEdit ? [{ to: '/audit', label: 'Audit log', match: /^\/audit/ }] : []),
    ...(isAdmin ? [{ to: '/api-keys', label: 'API keys', match: /^\/api-keys/ }] : []),
    ...(isAdmin ? [{ to: '/users', label: 'Users', match: /^\/users/ }] : []),
    { to: '/status', label: 'System status', match: /^\/status/ },
  ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Toggle navigation" />
            <Anchor component={Link} to="/" c="inherit" underline="never" fw={700} fz="xl">
              Breakwater
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LiveIndicator />
            <EnvironmentSwitcher />
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="subtle" size="sm" aria-label="Account">
                  <Text size="sm" truncate maw={180} visibleFrom="sm" component="span">
                    {who}
                  </Text>
                  <Text size="sm" hiddenFrom="sm" component="span">
                    Account
                  </Text>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {who} ({role})
                </Menu.Label>
                {me.data?.kind === 'user' && (
                  <Menu.Item component={Link} to="/password">
                    Change password
                  </Menu.Item>
                )}
                <Menu.Item
                  onClick={() =>
                    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })
                  }
                >
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {links.map((link) => (
          <NavLink
            key={link.label}
            component={Link}
            to={link.to}
            label={link.label}
            active={link.match.test(location.pathname)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
