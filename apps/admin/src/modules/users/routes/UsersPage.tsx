import { ROLES, type Role } from '@breakwater/contracts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
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
import { useMe, usePermissions } from '../../auth/api/auth.api';
import { useCreateUser, useUpdateUser, useUsers } from '../api/users.api';

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { email, password, role },
      {
        onSuccess: (user) => {
          notifications.show({ color: 'green', message: `User ${user.email} created` });
          onDone();
        },
      },
    );
  };
  const fieldless = create.isError && !['email', 'password', 'role'].some((p) => fieldError(create.error, p));
  return (
    <Stack component="form" onSubmit={submit} aria-label="New user">
      <TextInput
        label="Email"
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
        error={fieldError(create.error, 'email')}
        data-autofocus
      />
      <PasswordInput
        label="One-time password"
        description="At least 12 characters; they choose their own at first sign-in"
        required
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={fieldError(create.error, 'password')}
      />
      <Select
        label="Role"
        data={[...ROLES]}
        value={role}
        onChange={(v) => setRole(v ?? 'viewer')}
        allowDeselect={false}
      />
      {fieldless && (
        <Text c="red" size="sm" role="alert">
          {describeError(create.error)}
        </Text>
      )}
      <Group justify="flex-end">
        <Button type="submit" loading={create.isPending}>
          Create user
        </Button>
      </Group>
    </Stack>
  );
}

/** Users: create with a one-time password, change role, disable. Admins only. */
export function UsersPage() {
  const { isAdmin } = usePermissions();
  const me = useMe();
  const users = useUsers();
  const update = useUpdateUser();
  const [creating, { open, close }] = useDisclosure(false);
  const myId = me.data?.kind === 'user' ? me.data.user.id : undefined;

  if (!isAdmin) return <Alert color="yellow">Only admins manage users.</Alert>;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Users</Title>
        <Button onClick={open}>New user</Button>
      </Group>
      {update.isError && (
        <Alert color="red" role="alert" title="Could not change the user">
          {describeError(update.error)}
        </Alert>
      )}
      <QueryState query={users} what="users" isEmpty={(items) => items.length === 0}>
        {(items) => (
          <Table.ScrollContainer minWidth={600}>
            <Table aria-label="Users" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Enabled</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((user) => (
                  <Table.Tr key={user.id} data-user={user.email}>
                    <Table.Td>
                      <Group gap={6}>
                        {user.email}
                        {user.id === myId && <Badge size="xs">you</Badge>}
                        {user.mustChangePassword && (
                          <Badge size="xs" color="yellow">
                            one-time password
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`Role of ${user.email}`}
                        data={[...ROLES]}
                        value={user.role}
                        allowDeselect={false}
                        disabled={user.id === myId}
                        w={120}
                        size="xs"
                        onChange={(v) => v && update.mutate({ id: user.id, body: { role: v } })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={`${user.email} enabled`}
                        checked={!user.disabled}
                        disabled={user.id === myId}
                        onChange={(e) => update.mutate({ id: user.id, body: { disabled: !e.currentTarget.checked } })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatTime(user.createdAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <Modal opened={creating} onClose={close} title="New user">
        <CreateUserForm onDone={close} />
      </Modal>
    </Stack>
  );
}
