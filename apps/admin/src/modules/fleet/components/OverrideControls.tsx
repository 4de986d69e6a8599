import type { FleetOverride } from '@breakwater/contracts';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { useClearOverride, useSetOverride, type OverrideTarget } from '../api/fleet.api';

type Action = 'force_open' | 'force_close' | 'reset' | 'clear';

const LABEL: Record<Action, string> = {
  force_open: 'Force open',
  force_close: 'Force close',
  reset: 'Reset',
  clear: 'Clear override',
};

const EXPLAIN: Record<Action, string> = {
  force_open: 'rejects every call on every instance until the override is cleared',
  force_close: 'lets every call through on every instance until the override is cleared, whatever the failures',
  reset: 'returns the breaker to closed with empty windows on every instance, once',
  clear: 'returns every instance to normal operation',
};

/** The banner shown while a fleet-wide override is in force. */
export function OverrideBanner({ override }: { override: FleetOverride | undefined }) {
  if (!override) return null;
  return (
    <Alert
      color={override.action === 'force_open' ? 'red' : 'orange'}
      title={`Override in force: ${override.action.replace('_', ' ')}`}
      data-testid="override-banner"
    >
      {override.service}/{override.breaker} in {override.environment}, set by {override.createdBy} at{' '}
      {formatTime(override.createdAt)}
      {override.message ? `: ${override.message}` : ''}
    </Alert>
  );
}

/** Force open / force close / reset a breaker fleet-wide, each after a confirmation naming service and environment. */
export function OverrideControls({ target, active }: { target: OverrideTarget; active: FleetOverride | undefined }) {
  const set = useSetOverride(target);
  const clear = useClearOverride(target);
  const [pending, setPending] = useState<Action | undefined>();
  const [message, setMessage] = useState('');
  const mutation = pending === 'clear' ? clear : set;

  const confirm = () => {
    if (!pending) return;
    const done = {
      onSuccess: () => {
        notifications.show({ message: `${LABEL[pending]}: ${target.service}/${target.name} in ${target.env}` });
        setPending(undefined);
        setMessage('');
      },
    };
    if (pending === 'clear') clear.mutate(undefined, done);
    else set.mutate({ action: pending, message: message || undefined }, done);
  };

  const actions: Action[] = active ? ['clear', 'reset'] : ['force_open', 'force_close', 'reset'];
  return (
    <>
      <Group gap="xs">
        {actions.map((action) => (
          <Button
            key={action}
            size="xs"
            variant="light"
            color={action === 'force_open' ? 'red' : action === 'clear' ? 'blue' : 'orange'}
            onClick={() => {
              set.reset();
              clear.reset();
              setPending(action);
            }}
          >
            {LABEL[action]}
          </Button>
        ))}
      </Group>
      <Modal
        opened={pending !== undefined}
        onClose={() => setPending(undefined)}
        title={pending ? `${LABEL[pending]}?` : ''}
      >
        {pending && (
          <Stack
            component="form"
            onSubmit={(event) => {
              event.preventDefault();
              confirm();
            }}
          >
            <Text size="sm">
              {LABEL[pending]} <b>{target.name}</b> of service <b>{target.service}</b> in environment{' '}
              <b>{target.env}</b>: {EXPLAIN[pending]}.
            </Text>
            {pending !== 'clear' && (
              <Textarea
                label="Reason"
                value={message}
                onChange={(e) => setMessage(e.currentTarget.value)}
                data-autofocus
              />
            )}
            {mutation.isError && (
              <Text c="red" size="sm" role="alert">
                {describeError(mutation.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(undefined)}>
                Cancel
              </Button>
              <Button type="submit" color={pending === 'force_open' ? 'red' : 'orange'} loading={mutation.isPending}>
                {LABEL[pending]} in {target.env}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
