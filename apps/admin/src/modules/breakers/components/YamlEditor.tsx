import { camelToSnake, toSnakeCasePath, type BreakerConfig, type FieldError } from '@breakwater/contracts';
import { Alert, Code, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { configToYaml, draftToYaml, yamlToDraft, type BreakerDraft } from '../model/breaker-draft';

/** A field error as the YAML file spells the field (`bulkhead_config.max_concurrent_calls: ...`). */
function yamlMessage(error: FieldError): string {
  const prefix = `${error.path}: `;
  if (error.path.startsWith('line ') || !error.message.startsWith(prefix)) return error.message;
  // Field names inside the message ("did you mean failureThreshold?") are spelled as the file spells them too.
  const text = error.message.slice(prefix.length).replace(/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g, camelToSnake);
  return `${toSnakeCasePath(error.path)}: ${text}`;
}

export interface YamlEditorProps {
  draft: BreakerDraft;
  effective: BreakerConfig | undefined;
  errors: FieldError[];
  onChange: (draft: BreakerDraft) => void;
  readOnly?: boolean;
}

/**
 * The same config as the guide's YAML file. The breaker's own values can be edited here (what is typed replaces
 * the form's state as soon as it parses); the effective config is shown read-only.
 */
export function YamlEditor({ draft, effective, errors, onChange, readOnly }: YamlEditorProps) {
  const [mode, setMode] = useState<'own' | 'effective'>('own');
  const [text, setText] = useState(() => draftToYaml(draft));
  const [syntax, setSyntax] = useState<FieldError[]>([]);

  const edit = (next: string) => {
    setText(next);
    const parsed = yamlToDraft(next, draft.name);
    if (parsed.ok) {
      setSyntax([]);
      onChange({ ...parsed.draft, name: draft.name });
    } else {
      setSyntax(parsed.errors);
    }
  };
  const shown = syntax.length > 0 ? syntax : errors;

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="YAML content"
        value={mode}
        onChange={(value) => setMode(value)}
        data={[
          { value: 'own', label: "This breaker's values" },
          { value: 'effective', label: 'Effective config (read-only)' },
        ]}
        w="fit-content"
      />
      {mode === 'own' ? (
        <>
          <Text size="sm" c="dimmed">
            Keys are snake_case as in the guide's files; everything not listed comes from the template and the
            environment.
          </Text>
          <Textarea
            aria-label="YAML"
            value={text}
            onChange={(event) => edit(event.currentTarget.value)}
            readOnly={readOnly}
            autosize
            minRows={12}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            spellCheck={false}
            error={shown.length > 0}
          />
          {shown.length > 0 && (
            <Alert color="red" title="The YAML is not a valid config" role="alert">
              <Stack gap={2}>
                {shown.map((e) => (
                  <Text key={`${e.path}:${e.rule}`} size="sm">
                    {yamlMessage(e)}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
        </>
      ) : (
        <Code block data-testid="effective-yaml">
          {effective ? configToYaml(effective) : 'Fix the errors to see the effective config.'}
        </Code>
      )}
    </Stack>
  );
}
