import type { BreakerVersion } from '@breakwater/contracts';
import { Badge, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState';
import { describeError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { useRollback, useVersions, type BreakerRef } from '../api/breakers.api';

export interface VersionHistoryProps {
  breakerRef: BreakerRef;
  currentVersion: number;
  canEdit: boolean;
  onCompare: (from: number, to: number) => void;
}

/** Every version with author, message and time; compare two, or roll back to one (with confirmation). */
export function VersionHistory({ breakerRef, currentVersion, canEdit, onCompare }: VersionHistoryProps) {
  const versions = useVersions(breakerRef);
  const rollback = useRollback(breakerRef);
  const [target, setTarget] = useState<BreakerVersion | undefined>();
  const [message, setMessage] = useState('');

  const confirm = () => {
    if (!target) return;
    rollback.mutate(
      { version: target.version, message: message || undefined },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: `Rolled back to version ${target.version}: now version ${saved.version}`,
          });
          setTarget(undefined);
          setMessage('');
        },
      },
    );
  };

  return (
    <>
      <QueryState query={versions} what="versions" isEmpty={(items) => items.length === 0}>
        {(items) => (
          <Table.ScrollContainer minWidth={600}>
            <Table aria-label="Versions" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Author</Table.Th>
                  <Table.Th>Message</Table.Th>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((version) => (
                  <Table.Tr key={version.version} data-version={version.version}>
                    <Table.Td>
                      <Group gap={6}>
                        v{version.version}
                        {version.version === currentVersion && (
                          <Badge size="xs" color="green">
                            current
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{version.author}</Table.Td>
                    <Table.Td>{version.message ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>{formatTime(version.createdAt)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {version.version > 1 && (
                          <Button
                            size="compact-xs"
                            variant="light"
                            onClick={() => onCompare(version.version - 1, version.version)}
                            aria-label={`Diff v${version.version - 1} to v${version.version}`}
                          >
                            Diff with previous
                          </Button>
                        )}
                        {canEdit && version.version !== currentVersion && (
                          <Button
                            size="compact-xs"
                            variant="light"
                            color="orange"
                            onClick={() => setTarget(version)}
                            aria-label={`Roll back to v${version.version}`}
                          >
                            Roll back
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <Modal opened={target !== undefined} onClose={() => setTarget(undefined)} title="Roll back?">
        {target && (
          <Stack
            component="form"
            onSubmit={(event) => {
              event.preventDefault();
              confirm();
            }}
          >
            <Text size="sm">
              Roll back {breakerRef.service}/{breakerRef.name} in {breakerRef.env} to version {target.version}? This
              writes version {currentVersion + 1} with the content of version {target.version}; connected SDKs pick it
              up.
            </Text>
            <Textarea
              label="Change message"
              value={message}
              onChange={(event) => setMessage(event.currentTarget.value)}
              data-autofocus
            />
            {rollback.isError && (
              <Text c="red" size="sm" role="alert">
                {describeError(rollback.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(undefined)}>
                Cancel
              </Button>
              <Button type="submit" color="orange" loading={rollback.isPending}>
                Roll back to v{target.version}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
