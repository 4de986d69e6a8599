import { Alert, Button, Center, Group, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describeError } from '../lib/api-client';

export interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  /** What is loading, for the loader's accessible name and the error title ("services"). */
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** The loading, error and empty states every page shows the same way, and the data once it is there. */
export function QueryState<T>({ query, what, isEmpty, empty, children }: QueryStateProps<T>) {
  if (query.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={`Loading ${what}`} />
      </Center>
    );
  if (query.isError)
    return (
      <Alert color="red" title={`Could not load ${what}`} role="alert">
        <Group justify="space-between">
          <Text size="sm">{describeError(query.error)}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
            Retry
          </Button>
        </Group>
      </Alert>
    );
  if (isEmpty?.(query.data))
    return (
      <Text c="dimmed" py="md" data-testid="empty-state">
        {empty ?? `No ${what} yet.`}
      </Text>
    );
  return <>{children(query.data)}</>;
}
