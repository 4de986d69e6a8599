import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { describeError } from '../../../lib/api-client';
import { fieldError } from '../../../lib/field-errors';
import { ApiError } from '../../../lib/http';
import { useChangePassword, useMe } from '../api/auth.api';

/** Change the password; required before anything else after signing in with a one-time password. */
export function ChangePasswordPage() {
  const me = useMe();
  const change = useChangePassword();
  const navigate = useNavigate();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');

  if (me.data === null) return <Navigate to="/login" replace />;
  const required = me.data?.kind === 'user' && me.data.user.mustChangePassword;
  const mismatch = repeat !== '' && repeat !== newPassword ? 'does not match the new password' : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    change.mutate({ currentPassword, newPassword }, { onSuccess: () => void navigate('/', { replace: true }) });
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={420} maw="100%" component="form" onSubmit={submit} aria-label="Change password">
        <Stack>
          <Title order={1} size="h2">
            Change your password
          </Title>
          {required && <Text size="sm">You signed in with a one-time password: choose your own to continue.</Text>}
          {change.error instanceof ApiError && change.error.status !== 400 && (
            <Alert color="red" role="alert">
              {describeError(change.error)}
            </Alert>
          )}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            value={currentPassword}
            error={fieldError(change.error, 'currentPassword')}
            onChange={(event) => setCurrent(event.currentTarget.value)}
          />
          <PasswordInput
            label="New password"
            description="At least 12 characters"
            autoComplete="new-password"
            required
            value={newPassword}
            error={fieldError(change.error, 'newPassword')}
            onChange={(event) => setNew(event.currentTarget.value)}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            value={repeat}
            error={mismatch}
            onChange={(event) => setRepeat(event.currentTarget.value)}
          />
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
