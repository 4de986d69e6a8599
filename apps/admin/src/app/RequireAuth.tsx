import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { QueryState } from '../components/QueryState';
import { useMe } from '../modules/auth/api/auth.api';

/** Pages behind sign-in: without a session go to /login (and come back), with a one-time password to /password. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending)
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading session" />
      </Center>
    );
  return (
    <QueryState query={me} what="your session">
      {(principal) => {
        if (!principal) {
          const next = `${location.pathname}${location.search}`;
          return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
        }
        if (principal.kind === 'user' && principal.user.mustChangePassword) return <Navigate to="/password" replace />;
        return children;
      }}
    </QueryState>
  );
}
