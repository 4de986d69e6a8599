import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { describeError } from '../../../lib/api-client';
import { fieldError } from '../../../lib/field-errors';
import { ApiError } from '../../../lib/http';
import { useLogin, useMe } from '../api/auth.api';

/** Sign in with email and password; the server sets an http-only session cookie. */
export function LoginPage() {
  const me = useMe();
  const login = useLogin();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = params.get('next') ?? '/';

  if (me.data) return <Navigate to={next.startsWith('/') ? next : '/'} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password });
  };
  const badCredentials = login.error instanceof ApiError && login.error.status !== 400;

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={380} maw="100%" component="form" onSubmit={submit} aria-label="Sign in">
        <Stack>
          <Title order={1} size="h2">
            Sign in to Breakwater
          </Title>
          {badCredentials && (
            <Alert color="red" role="alert">
              {describeError(login.error)}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            error={fieldError(login.error, 'email')}
            onChange={(event) => setEmail(event.currentTarget.value)}
            data-autofocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            error={fieldError(login.error, 'password')}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={login.isPending}>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
