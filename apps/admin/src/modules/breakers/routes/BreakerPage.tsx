import { Alert, Anchor, Badge, Breadcrumbs, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { QueryState } from '../../../components/QueryState';
import { describeError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { useUrlState } from '../../../lib/url-state';
import { usePermissions } from '../../auth/api/auth.api';
import { useEnvironment } from '../../environments/api/environments.api';
import { overrideOf, useOverrides } from '../../fleet/api/fleet.api';
import { OverrideBanner, OverrideControls } from '../../fleet/components/OverrideControls';
import { useBreaker } from '../api/breakers.api';
import { ConfigEditor } from '../components/ConfigEditor';
import { VersionDiff } from '../components/VersionDiff';
import { VersionHistory } from '../components/VersionHistory';

function toVersion(value: string): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** One breaker: config editor (form and YAML), version history with rollback, and a diff of any two versions. */
export function BreakerPage({ isNew = false }: { isNew?: boolean }) {
  const { env = '', service = '', name = '' } = useParams();
  const ref = { env, service, name };
  const { canEdit } = usePermissions();
  const navigate = useNavigate();
  const environment = useEnvironment(env);
  const breaker = useBreaker(ref, !isNew);
  const overrides = useOverrides(env, service);
  const active = overrideOf(overrides.data, service, name);
  const [state, setState] = useUrlState(['tab', 'from', 'to', 'mode'] as const);
  const tab = isNew ? 'config' : state.tab || 'config';
  const serviceUrl = `/env/${env}/services/${service}`;

  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to={`/env/${env}/services`}>
        Services
      </Anchor>
      <Anchor component={Link} to={serviceUrl}>
        {service}
      </Anchor>
      <Text>{isNew ? 'new breaker' : name}</Text>
    </Breadcrumbs>
  );

  if (environment.isPending) return <Loader aria-label="Loading environment" />;
  if (environment.isError)
    return (
      <Alert color="red" title={`Could not load environment ${env}`} role="alert">
        {describeError(environment.error)}
      </Alert>
    );

  if (isNew)
    return (
      <Stack>
        {crumbs}
        <Title order={1}>New breaker in {env}</Title>
        <ConfigEditor
          key={`${env}/${service}/new`}
          env={env}
          service={service}
          breaker={undefined}
          environmentDefaults={environment.data.defaults}
          canEdit={canEdit}
          onSaved={(saved) => void navigate(`${serviceUrl}/breakers/${saved.name}`, { replace: true })}
        />
      </Stack>
    );

  return (
    <Stack>
      {crumbs}
      <QueryState query={breaker} what={`breaker ${name}`}>
        {(data) => (
          <Stack>
            <Group justify="space-between" align="flex-end">
              <div>
                <Title order={1}>{data.name}</Title>
                <Text size="sm" c="dimmed" data-testid="breaker-summary">
                  v{data.version} · {data.effective.circuitType} · changed by {data.updatedBy} at{' '}
                  {formatTime(data.updatedAt)}
                </Text>
              </div>
              <Group gap="xs">
                <Badge variant="outline">{env}</Badge>
                {data.template && <Badge variant="light">template {data.template}</Badge>}
                {canEdit && (
                  <Anchor
                    component={Link}
                    size="sm"
                    to={`/audit?resource=${encodeURIComponent(`${env}/${service}/${name}`)}`}
                  >
                    Audit log
                  </Anchor>
                )}
              </Group>
            </Group>
            <OverrideBanner override={active} />
            {canEdit && (
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  Fleet-wide:
                </Text>
                <OverrideControls target={ref} active={active} />
              </Group>
            )}
            <Tabs
              value={tab}
              onChange={(value) => setState({ tab: value === 'config' ? undefined : (value ?? undefined) })}
              keepMounted={false}
            >
              <Tabs.List>
                <Tabs.Tab value="config">Config</Tabs.Tab>
                <Tabs.Tab value="history">History</Tabs.Tab>
                <Tabs.Tab value="diff">Diff</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="config" pt="md">
                <ConfigEditor
                  key={`${env}/${service}/${name}`}
                  env={env}
                  service={service}
                  breaker={data}
                  environmentDefaults={environment.data.defaults}
                  canEdit={canEdit}
                  onSaved={() => undefined}
                />
              </Tabs.Panel>
              <Tabs.Panel value="history" pt="md">
                <VersionHistory
                  breakerRef={ref}
                  currentVersion={data.version}
                  canEdit={canEdit}
                  onCompare={(from, to) => setState({ tab: 'diff', from: String(from), to: String(to) })}
                />
              </Tabs.Panel>
              <Tabs.Panel value="diff" pt="md">
                <VersionDiff
                  breakerRef={ref}
                  from={toVersion(state.from) ?? (data.version > 1 ? data.version - 1 : undefined)}
                  to={toVersion(state.to) ?? data.version}
                  mode={state.mode === 'effective' ? 'effective' : 'stored'}
                  onSelect={setState}
                />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
