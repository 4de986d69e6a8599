import { Alert, Group, Loader, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { SideBySideDiff } from '../../../components/SideBySideDiff';
import { describeError } from '../../../lib/api-client';
import { useVersion, useVersionDiff, useVersions, type BreakerRef } from '../api/breakers.api';
import { configToYaml, draftToYaml } from '../model/breaker-draft';
import { draftOf } from '../api/breakers.api';

export interface VersionDiffProps {
  breakerRef: BreakerRef;
  from: number | undefined;
  to: number | undefined;
  mode: 'stored' | 'effective';
  onSelect: (patch: { from?: string; to?: string; mode?: string }) => void;
}

function show(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value);
}

/** Any two versions side by side (the breaker's own values or the effective config), and the changed fields. */
export function VersionDiff({ breakerRef, from, to, mode, onSelect }: VersionDiffProps) {
  const versions = useVersions(breakerRef);
  const left = useVersion(breakerRef, from);
  const right = useVersion(breakerRef, to);
  const fields = useVersionDiff(breakerRef, from, to);
  const options = (versions.data ?? []).map((v) => ({ value: String(v.version), label: `v${v.version}` }));
  const render = (which: typeof left) => {
    const data = which.data;
    if (!data) return '';
    return mode === 'effective'
      ? configToYaml(data.effective)
      : draftToYaml(draftOf({ ...data, name: breakerRef.name }));
  };
  const changes = mode === 'effective' ? fields.data?.effectiveChanges : fields.data?.changes;
  const error = left.error ?? right.error ?? fields.error;

  return (
    <Stack>
      <Group>
        <Select
          label="From"
          data={options}
          value={from ? String(from) : null}
          onChange={(v) => onSelect({ from: v ?? undefined })}
          w={120}
        />
        <Select
          label="To"
          data={options}
          value={to ? String(to) : null}
          onChange={(v) => onSelect({ to: v ?? undefined })}
          w={120}
        />
        <SegmentedControl
          aria-label="Compare"
          mt="lg"
          value={mode}
          onChange={(value) => onSelect({ mode: value === 'stored' ? undefined : value })}
          data={[
            { value: 'stored', label: "Breaker's values" },
            { value: 'effective', label: 'Effective config' },
          ]}
        />
      </Group>
      {(from === undefined || to === undefined) && <Text c="dimmed">Choose two versions to compare.</Text>}
      {error && (
        <Alert color="red" title="Could not load the versions" role="alert">
          {describeError(error)}
        </Alert>
      )}
      {(left.isLoading || right.isLoading) && <Loader aria-label="Loading versions" />}
      {left.data && right.data && (
        <>
          {changes && (
            <Table aria-label="Changed fields" withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>v{from}</Table.Th>
                  <Table.Th>v{to}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={3}>No field changed.</Table.Td>
                  </Table.Tr>
                ) : (
                  changes.map((change) => (
                    <Table.Tr key={change.path}>
                      <Table.Td ff="monospace">{change.path}</Table.Td>
                      <Table.Td ff="monospace">{show(change.before)}</Table.Td>
                      <Table.Td ff="monospace">{show(change.after)}</Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          )}
          <SideBySideDiff
            label="Version diff"
            before={render(left)}
            after={render(right)}
            beforeLabel={`v${from}`}
            afterLabel={`v${to}`}
          />
        </>
      )}
    </Stack>
  );
}
