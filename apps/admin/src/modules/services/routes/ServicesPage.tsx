import { Anchor, Badge, Button, Group, Modal, Stack, Table, TagsInput, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/QueryState';
import { fieldError } from '../../../lib/field-errors';
import { describeError } from '../../../lib/api-client';
import { useUrlState } from '../../../lib/url-state';
import { usePermissions } from '../../auth/api/auth.api';
import { useCreateService, useServices } from '../api/services.api';

function CreateServiceForm({ onDone }: { onDone: () => void }) {
  const create = useCreateService();
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, owner: owner || undefined, description: description || undefined, tags },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Service ${name} created` });
          onDone();
        },
      },
    );
  };
  const other = create.isError && !fieldError(create.error, 'name') ? describeError(create.error) : undefined;
  return (
    <Stack component="form" onSubmit={submit} aria-label="New service">
      <TextInput
        label="Name"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldError(create.error, 'name') ?? other}
        data-autofocus
      />
      <TextInput
        label="Owner"
        value={owner}
        onChange={(e) => setOwner(e.currentTarget.value)}
        error={fieldError(create.error, 'owner')}
      />
      <TextInput
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={fieldError(create.error, 'description')}
      />
      <TagsInput label="Tags" value={tags} onChange={setTags} error={fieldError(create.error, 'tags')} />
      <Group justify="flex-end">
        <Button type="submit" loading={create.isPending}>
          Create service
        </Button>
      </Group>
    </Stack>
  );
}

/** Every service with its owner and tags; the filter is part of the URL. */
export function ServicesPage() {
  const { env = '' } = useParams();
  const services = useServices();
  const { canEdit } = usePermissions();
  const [creating, { open, close }] = useDisclosure(false);
  const [filters, setFilters] = useUrlState(['q', 'tag'] as const);
  const q = filters.q.toLowerCase();

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Services</Title>
        {canEdit && <Button onClick={open}>New service</Button>}
      </Group>
      <Group>
        <TextInput
          aria-label="Filter services"
          placeholder="Filter by name or owner"
          value={filters.q}
          onChange={(e) => setFilters({ q: e.currentTarget.value })}
        />
        {filters.tag && (
          <Button
            variant="light"
            size="xs"
            onClick={() => setFilters({ tag: undefined })}
            aria-label="Clear tag filter"
          >
            tag: {filters.tag} ✕
          </Button>
        )}
      </Group>
      <QueryState
        query={services}
        what="services"
        isEmpty={(items) => items.length === 0}
        empty={canEdit ? 'No services yet: create the first one.' : 'No services yet.'}
      >
        {(items) => {
          const shown = items.filter(
            (s) =>
              (!q || s.name.includes(q) || s.owner.toLowerCase().includes(q)) &&
              (!filters.tag || s.tags.includes(filters.tag)),
          );
          if (shown.length === 0) return <div data-testid="empty-state">No service matches the filter.</div>;
          return (
            <Table.ScrollContainer minWidth={500}>
              <Table aria-label="Services" striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Service</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Tags</Table.Th>
                    <Table.Th>Description</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((service) => (
                    <Table.Tr key={service.name}>
                      <Table.Td>
                        <Anchor component={Link} to={`/env/${env}/services/${service.name}`}>
                          {service.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{service.owner || '—'}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {service.tags.map((tag) => (
                            <Badge
                              key={tag}
                              variant="light"
                              component="button"
                              style={{ cursor: 'pointer' }}
                              onClick={() => setFilters({ tag })}
                              aria-label={`Filter by tag ${tag}`}
                            >
                              {tag}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{service.description}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </QueryState>
      <Modal opened={creating} onClose={close} title="New service">
        <CreateServiceForm onDone={close} />
      </Modal>
    </Stack>
  );
}
