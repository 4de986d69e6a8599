import type { Breaker, BreakerOverrides } from '@breakwater/contracts';
import { Alert, Button, Group, Modal, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { ApiError } from '../../../lib/http';
import { useUrlState } from '../../../lib/url-state';
import { draftOf, editorFieldErrors, fetchBreaker, useSaveBreaker } from '../api/breakers.api';
import { draftToYaml, rebaseDraft, viewDraft, type BreakerDraft } from '../model/breaker-draft';
import { BreakerConfigForm } from './BreakerConfigForm';
import { SideBySideDiff } from './../../../components/SideBySideDiff';
import { YamlEditor } from './YamlEditor';

export interface ConfigEditorProps {
  env: string;
  service: string;
  /** The stored breaker; undefined when creating a new one. */
  breaker: Breaker | undefined;
  environmentDefaults: BreakerOverrides | undefined;
  canEdit: boolean;
  onSaved: (saved: Breaker) => void;
}

interface Conflict {
  theirs: Breaker;
}

const EMPTY_DRAFT: BreakerDraft = { name: '', overrides: {}, metadata: {} };

/**
 * Form and YAML views of one draft, saved with a change message and `If-Match: <version>`. When someone else saved
 * meanwhile (409), it shows what they changed and re-applies the user's edits on top of their version.
 */
export function ConfigEditor({ env, service, breaker, environmentDefaults, canEdit, onSaved }: ConfigEditorProps) {
  const [base, setBase] = useState<Breaker | undefined>(breaker);
  const [draft, setDraft] = useState<BreakerDraft>(() => (breaker ? draftOf(breaker) : EMPTY_DRAFT));
  const [{ view }, setUrl] = useUrlState(['view'] as const);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState('');
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const save = useSaveBreaker(env, service);

  const baseDraft = useMemo(() => (base ? draftOf(base) : EMPTY_DRAFT), [base]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(baseDraft);

  // Someone saved a newer version and this user has not started editing: show theirs.
  if (breaker && base && breaker.version > base.version && !dirty) {
    setBase(breaker);
    setDraft(draftOf(breaker));
  }

  const draftView = useMemo(
    () => viewDraft(draft, { environment: env, environmentDefaults }),
    [draft, env, environmentDefaults],
  );
  const serverErrors = save.error instanceof ApiError && save.error.status === 400 ? editorFieldErrors(save.error) : [];
  const readOnly = !canEdit;

  const submit = () => {
    save.mutate(
      { draft, message, ifMatch: base?.version },
      {
        onSuccess: (saved) => {
          setSaving(false);
          setMessage('');
          setBase(saved);
          setDraft(draftOf(saved));
          notifications.show({ color: 'green', message: `Saved ${saved.name} as version ${saved.version}` });
          onSaved(saved);
        },
        onError: (error) => {
          setSaving(false);
          if (error instanceof ApiError && error.status === 409 && base)
            void fetchBreaker({ env, service, name: base.name }).then((theirs) => setConflict({ theirs }));
        },
      },
    );
  };

  const reapply = (theirs: Breaker) => {
    setDraft(rebaseDraft(baseDraft, draft, draftOf(theirs)));
    setBase(theirs);
    setConflict(undefined);
    save.reset();
  };
  const takeTheirs = (theirs: Breaker) => {
    setBase(theirs);
    setDraft(draftOf(theirs));
    setConflict(undefined);
    save.reset();
  };

  const otherError =
    save.isError && !(save.error instanceof ApiError && [400, 409].includes(save.error.status))
      ? save.error
      : undefined;

  return (
    <Stack gap="md" pb={80}>
      <SegmentedControl
        aria-label="Editor view"
        value={view || 'form'}
        onChange={(value) => setUrl({ view: value === 'form' ? undefined : value })}
        data={[
          { value: 'form', label: 'Form' },
          { value: 'yaml', label: 'YAML' },
        ]}
        w="fit-content"
      />
      {otherError && (
        <Alert color="red" title="Could not save" role="alert">
          {describeError(otherError)}
        </Alert>
      )}
      {view === 'yaml' ? (
        <YamlEditor
          draft={draft}
          effective={draftView.effective?.config}
          errors={[...draftView.resolution.errors, ...serverErrors]}
          onChange={setDraft}
          readOnly={readOnly}
        />
      ) : (
        <BreakerConfigForm
          draft={draft}
          view={draftView}
          onChange={setDraft}
          serverErrors={serverErrors}
          isNew={!base}
          readOnly={readOnly}
        />
      )}
      {canEdit && (
        <Paper
          withBorder
          p="sm"
          shadow="md"
          pos="sticky"
          bottom={0}
          style={{ zIndex: 5 }}
          aria-label="Save changes"
          component="section"
        >
          <Group justify="space-between">
            <Text size="sm" c={dirty ? undefined : 'dimmed'}>
              {!dirty
                ? base
                  ? `Version ${base.version}, no unsaved changes`
                  : 'New breaker'
                : draftView.resolution.ok
                  ? 'Unsaved changes'
                  : `Unsaved changes with ${draftView.resolution.errors.length} error(s)`}
            </Text>
            <Group gap="xs">
              <Button variant="default" disabled={!dirty} onClick={() => setDraft(baseDraft)}>
                Discard
              </Button>
              <Button disabled={!dirty || !draftView.resolution.ok} onClick={() => setSaving(true)}>
                {base ? 'Save…' : 'Create…'}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      <Modal
        opened={saving}
        onClose={() => setSaving(false)}
        title={base ? `Save ${draft.name}` : `Create ${draft.name}`}
      >
        <Stack
          component="form"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Text size="sm">
            {base
              ? `Writes version ${base.version + 1} of ${service}/${draft.name} in ${env}.`
              : `Creates ${service}/${draft.name} in ${env}.`}
          </Text>
          <Textarea
            label="Change message"
            description="Why: kept with the version and in the audit log"
            required
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSaving(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={message.trim() === ''}>
              Save
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={conflict !== undefined}
        onClose={() => setConflict(undefined)}
        title="Someone else saved this breaker meanwhile"
        size="xl"
      >
        {conflict && base && (
          <Stack>
            <Text size="sm" role="alert">
              You edited version {base.version}; {conflict.theirs.updatedBy} saved version {conflict.theirs.version}.
              What changed meanwhile:
            </Text>
            <SideBySideDiff
              label="Changes made meanwhile"
              before={draftToYaml(baseDraft)}
              after={draftToYaml(draftOf(conflict.theirs))}
              beforeLabel={`v${base.version} (you started here)`}
              afterLabel={`v${conflict.theirs.version} (current)`}
            />
            <Text size="sm">Your unsaved changes:</Text>
            <SideBySideDiff
              label="Your changes"
              before={draftToYaml(baseDraft)}
              after={draftToYaml(draft)}
              beforeLabel={`v${base.version}`}
              afterLabel="yours"
            />
            <Text size="sm">
              Re-apply puts the fields you changed on top of version {conflict.theirs.version}; review and save again.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => takeTheirs(conflict.theirs)}>
                Discard mine, load theirs
              </Button>
              <Button onClick={() => reapply(conflict.theirs)}>Re-apply my changes</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
