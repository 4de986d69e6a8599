import { type API_KEY_TYPES, ROLES, type ApiKey, type CreatedApiKey } from '@breakwater/contracts';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { QueryState } from '../../../components/QueryState';
import { describeError } from '../../../lib/api-client';
import { fieldError } from '../../../lib/field-errors';
import { formatTime } from '../../../lib/format';
import { usePermissions } from '../../auth/api/auth.api';
import { useEnvironments } from '../../environments/api/environments.api';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/api-keys.api';

function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const environments = useEnvironments();
  const [name, setName] = useState('');
  const [type, setType] = useState<(typeof API_KEY_TYPES)[number]>('sdk');
  const [environment, setEnvironment] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>('viewer');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      type === 'sdk'
        ? { name, type, environment: environment ?? undefined }
        : { name, type, role: (role ?? undefined) as (typeof ROLES)[number] | undefined },
      { onSuccess: onCreated },
    );
  };
  const other = create.isError && create.error && !fieldError(create.error, 'name') ? describeError(create.error) : '';
  return (
    <Stack component="form" onSubmit={submit} aria-label="New API key">
      <TextInput
        label="Name"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldError(create.error, 'name')}
        data-autofocus
      />
      <Select
        label="Type"
        data={[
          { value: 'sdk', label: 'SDK: reads one environment, reports metrics' },
          { value: 'admin', label: 'Admin: calls the REST API with a role' },
        ]}
        value={type}
        onChange={(v) => setType(v ?? 'sdk')}
        allowDeselect={false}
      />
      {type === 'sdk' ? (
        <Select
          label="Environment"
          data={(environments.data ?? []).map((e) => e.name)}
          value={environment}
          onChange={setEnvironment}
          error={fieldError(create.error, 'environment')}
        />
      ) : (
        <Select
          label="Role"
          data={[...ROLES]}
          value={role}
          onChange={setRole}
          error={fieldError(create.error, 'role')}
        />
      )}
      {other && !fieldError(create.error, 'environment') && !fieldError(create.error, 'role') && (
        <Text c="red" size="sm" role="alert">
          {other}
        </Text>
      )}
      <Group justify="flex-end">
        <Button type="submit" loading={create.isPending}>
          Create key
        </Button>
      </Group>
    </Stack>
  );
}

/** API keys: create (the secret is shown once), see when each was last used, revoke. Admins only. */
export function ApiKeysPage() {
  const { isAdmin } = usePermissions();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, { open, close }] = useDisclosure(false);
  const [created, setCreated] = useState<CreatedApiKey | undefined>();
  const [revoking, setRevoking] = useState<ApiKey | undefined>();

  if (!isAdmin) return <Alert color="yellow">Only admins manage API keys.</Alert>;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>API keys</Title>
        <Button onClick={open}>New API key</Button>
      </Group>
      {created && (
        <Alert
          color="green"
          title={`Key ${created.name} created`}
          withCloseButton
          onClose={() => setCreated(undefined)}
        >
          <Stack gap="xs">
            <Text size="sm">Copy the key now: it is not shown again.</Text>
            <Group gap="xs" wrap="nowrap">
              <Code data-testid="new-key-secret" style={{ wordBreak: 'break-all' }}>
                {created.secret}
              </Code>
              <CopyButton value={created.secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
      <QueryState query={keys} what="API keys" isEmpty={(items) => items.length === 0}>
        {(items) => (
          <Table.ScrollContainer minWidth={700}>
            <Table aria-label="API keys" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Scope</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((key) => (
                  <Table.Tr key={key.id} data-key={key.name}>
                    <Table.Td>{key.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{key.type}</Badge>
                    </Table.Td>
                    <Table.Td>{key.environment ?? key.role}</Table.Td>
                    <Table.Td>
                      <Code>{key.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{formatTime(key.createdAt)}</Table.Td>
                    <Table.Td>{key.lastUsedAt ? formatTime(key.lastUsedAt) : 'never'}</Table.Td>
                    <Table.Td>
                      {key.revokedAt ? (
                        <Badge color="gray">revoked</Badge>
                      ) : (
                        <Button size="compact-xs" color="red" variant="light" onClick={() => setRevoking(key)}>
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <Modal opened={creating} onClose={close} title="New API key">
        <CreateKeyForm
          onCreated={(key) => {
            setCreated(key);
            close();
          }}
        />
      </Modal>
      <Modal opened={revoking !== undefined} onClose={() => setRevoking(undefined)} title="Revoke API key?">
        {revoking && (
          <Stack>
            <Text size="sm">
              Revoke {revoking.name}? Anything using it is refused from now on. This cannot be undone.
            </Text>
            {revoke.isError && (
              <Text c="red" size="sm" role="alert">
                {describeError(revoke.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevoking(undefined)}>
                Cancel
              </Button>
              <Button
                color="red"
                loading={revoke.isPending}
                onClick={() =>
                  revoke.mutate(revoking.id, {
                    onSuccess: () => {
                      notifications.show({ message: `Key ${revoking.name} revoked` });
                      setRevoking(undefined);
                    },
                  })
                }
              >
                Revoke {revoking.name}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
