import type { AuditEvent } from '@breakwater/contracts';
import {
  Alert,
  Anchor,
  Code,
  Button,
  Center,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Fragment, useState } from 'react';
import { stringify } from 'yaml';
import { SideBySideDiff } from '../../../components/SideBySideDiff';
import { describeError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { useUrlState } from '../../../lib/url-state';
import { auditExportUrl, useAudit, type AuditFilters } from '../api/audit.api';

const FILTER_KEYS = ['actor', 'resource', 'action', 'from', 'to'] as const;

/** `2026-11-28T12:30` (datetime-local, the browser's zone) <-> ISO 8601 with offset for the API. */
function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toYaml(value: unknown): string {
  return value === undefined || value === null ? '' : stringify(value);
}

function EventDiff({ event }: { event: AuditEvent }) {
  return (
    <Stack gap="xs">
      {event.message && <Text size="sm">Message: {event.message}</Text>}
      <SideBySideDiff
        label={`Change of ${event.resourceId}`}
        before={toYaml(event.before)}
        after={toYaml(event.after)}
        beforeLabel="Before"
        afterLabel="After"
      />
    </Stack>
  );
}

/** Who changed what, when and why: filters in the URL, before/after per entry, pages by cursor, export. */
export function AuditPage() {
  const [filters, setFilters] = useUrlState(FILTER_KEYS);
  const [open, setOpen] = useState<string | undefined>();
  const query: AuditFilters = {
    actor: filters.actor || undefined,
    resource: filters.resource || undefined,
    action: filters.action || undefined,
    from: localToIso(filters.from),
    to: localToIso(filters.to),
  };
  const audit = useAudit(query);
  const events = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Audit log</Title>
        <Group gap="xs">
          <Button component="a" variant="default" size="xs" href={auditExportUrl(query, 'csv')} download="audit.csv">
            Export CSV
          </Button>
          <Button component="a" variant="default" size="xs" href={auditExportUrl(query, 'json')} download="audit.json">
            Export JSON
          </Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          label="Actor"
          placeholder="email or key name"
          value={filters.actor}
          onChange={(e) => setFilters({ actor: e.currentTarget.value })}
        />
        <TextInput
          label="Resource"
          placeholder="production/payments/stripe"
          value={filters.resource}
          onChange={(e) => setFilters({ resource: e.currentTarget.value })}
        />
        <TextInput
          label="Action"
          placeholder="breaker_config.updated"
          value={filters.action}
          onChange={(e) => setFilters({ action: e.currentTarget.value })}
        />
        <TextInput
          label="From"
          type="datetime-local"
          value={filters.from}
          onChange={(e) => setFilters({ from: e.currentTarget.value })}
        />
        <TextInput
          label="To"
          type="datetime-local"
          value={filters.to}
          onChange={(e) => setFilters({ to: e.currentTarget.value })}
        />
      </Group>
      {audit.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading audit events" />
        </Center>
      ) : audit.isError ? (
        <Alert color="red" title="Could not load audit events" role="alert">
          {describeError(audit.error)}
        </Alert>
      ) : events.length === 0 ? (
        <Text c="dimmed" data-testid="empty-state">
          No audit events match.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table aria-label="Audit events" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Resource</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event) => (
                <Fragment key={event.id}>
                  <Table.Tr data-action={event.action}>
                    <Table.Td>{formatTime(event.createdAt)}</Table.Td>
                    <Table.Td>
                      <Anchor component="button" onClick={() => setFilters({ actor: event.actor.label })}>
                        {event.actor.label}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Code>{event.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component="button" onClick={() => setFilters({ resource: event.resourceId })}>
                        {event.resourceType} {event.resourceId}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{event.message ?? ''}</Table.Td>
                    <Table.Td>
                      {(event.before !== undefined || event.after !== undefined) && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-expanded={open === event.id}
                          onClick={() => setOpen(open === event.id ? undefined : event.id)}
                        >
                          {open === event.id ? 'Hide change' : 'Show change'}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                  {open === event.id && (
                    <Table.Tr>
                      <Table.Td colSpan={6}>
                        <EventDiff event={event} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {audit.hasNextPage && (
        <Center>
          <Button variant="default" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            Load older events
          </Button>
        </Center>
      )}
    </Stack>
  );
}
