import { TEMPLATE_NAMES, BUILT_IN_TEMPLATES, type FieldError, type TemplateName } from '@breakwater/contracts';
import {
  ActionIcon,
  Alert,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { getPath, hasOverride, setOverride, type BreakerDraft, type DraftView } from '../model/breaker-draft';
import { CONFIG_SECTIONS, type ConfigField } from '../model/config-fields';
import { ProvenanceBadge } from './ProvenanceBadge';

export interface BreakerConfigFormProps {
  draft: BreakerDraft;
  view: DraftView;
  onChange: (draft: BreakerDraft) => void;
  /** Field errors the server answered with (a 400), shown beside the fields like the local ones. */
  serverErrors?: FieldError[] | undefined;
  /** A new breaker: the name can be typed. */
  isNew?: boolean;
  readOnly?: boolean;
}

const NONE = '(none)';
const STEP: Partial<Record<ConfigField['kind'], number>> = { rate: 0.05, number: 0.5 };

function errorsByPath(errors: FieldError[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const error of errors) if (!out.has(error.path)) out.set(error.path, error.message);
  return out;
}

/**
 * The config editor form: one input per settings field of the contracts schema, each showing its effective
 * value and where it comes from. Typing a value makes it an override of this breaker; the reset button returns
 * the field to what the template and environment give.
 */
export function BreakerConfigForm({ draft, view, onChange, serverErrors, isNew, readOnly }: BreakerConfigFormProps) {
  const errors = errorsByPath([...view.resolution.errors, ...(serverErrors ?? [])]);
  const shown = new Set<string>();
  const effective = view.effective;
  const circuitType = effective?.config.circuitType;

  const setField = (path: string, value: unknown) =>
    onChange({ ...draft, overrides: setOverride(draft.overrides, path, value) });

  const errorOf = (path: string): string | undefined => {
    const message = errors.get(path);
    if (message !== undefined) shown.add(path);
    return message;
  };

  const describe = (field: ConfigField): ReactNode => {
    const source = effective?.sources[field.path];
    const unused = field.circuitTypes && circuitType && !field.circuitTypes.includes(circuitType);
    return (
      <Group gap={6} component="span" wrap="nowrap">
        <ProvenanceBadge
          source={hasOverride(draft.overrides, field.path) ? 'override' : source}
          testId={`source-${field.path}`}
        />
        {resetButton(field)}
        <span>{unused ? `not used by ${circuitType}` : field.help}</span>
      </Group>
    );
  };

  const resetButton = (field: ConfigField) =>
    hasOverride(draft.overrides, field.path) && !readOnly ? (
      <Tooltip label="Reset to the inherited value">
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label={`Reset ${field.label}`}
          onClick={() => setField(field.path, undefined)}
        >
          ↺
        </ActionIcon>
      </Tooltip>
    ) : null;

  const renderField = (field: ConfigField) => {
    const own = getPath(draft.overrides, field.path);
    const value = own !== undefined ? own : effective ? getPath(effective.config, field.path) : undefined;
    const common = {
      label: field.label,
      description: describe(field),
      error: errorOf(field.path),
      disabled: readOnly,
      'data-path': field.path,
    };
    switch (field.kind) {
      case 'select':
        return (
          <Select
            key={field.path}
            {...common}
            data={field.options as string[]}
            value={typeof value === 'string' ? value : null}
            allowDeselect={false}
            onChange={(next) => setField(field.path, next ?? undefined)}
          />
        );
      case 'text':
        return (
          <TextInput
            key={field.path}
            {...common}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => setField(field.path, event.currentTarget.value || undefined)}
          />
        );
      case 'list':
        return (
          <TagsInput
            key={field.path}
            {...common}
            value={Array.isArray(value) ? (value as string[]) : []}
            onChange={(next) => setField(field.path, next)}
          />
        );
      default:
        return (
          <NumberInput
            key={field.path}
            {...common}
            value={typeof value === 'number' || typeof value === 'string' ? value : ''}
            step={STEP[field.kind] ?? 1}
            allowDecimal={field.kind !== 'int'}
            placeholder={field.optional ? 'not set' : undefined}
            onChange={(next) => {
              if (next === '' && field.optional) setField(field.path, field.path.includes('.') ? undefined : null);
              else setField(field.path, next);
            }}
          />
        );
    }
  };

  const fieldsets = CONFIG_SECTIONS.map((section) => {
    if (section.circuitTypes && circuitType && !section.circuitTypes.includes(circuitType)) return null;
    const enabled = section.toggle ? effective?.config[section.toggle] !== undefined : true;
    return (
      <Fieldset key={section.title} legend={section.title} disabled={readOnly}>
        <Stack gap="sm">
          {section.toggle && (
            <Switch
              label={`Use a ${section.title.toLowerCase()}`}
              checked={enabled}
              onChange={(event) => {
                const key = section.toggle as string;
                setField(key, event.currentTarget.checked ? {} : null);
              }}
            />
          )}
          {enabled && <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>{section.fields.map(renderField)}</SimpleGrid>}
        </Stack>
      </Fieldset>
    );
  });

  const templateOptions = [
    { value: NONE, label: 'No template (defaults only)' },
    ...TEMPLATE_NAMES.map((name) => ({ value: name, label: `${name}: ${BUILT_IN_TEMPLATES[name].description}` })),
  ];

  const header = (
    <Fieldset legend="Breaker" disabled={readOnly}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Name"
          value={draft.name}
          readOnly={!isNew}
          error={errorOf('name')}
          description={isNew ? 'Lower-case letters, digits, "_", "." or "-"' : 'The name cannot change'}
          onChange={(event) => onChange({ ...draft, name: event.currentTarget.value })}
        />
        <Select
          label="Template"
          description="Starting values for this kind of dependency"
          data={templateOptions}
          value={draft.template ?? NONE}
          allowDeselect={false}
          error={errorOf('metadata.template')}
          onChange={(next) =>
            onChange({ ...draft, template: next && next !== NONE ? (next as TemplateName) : undefined })
          }
        />
        <Textarea
          label="Description"

          rows={2}
          value={draft.metadata.description ?? ''}
          error={errorOf('metadata.description')}
          onChange={(event) =>
            onChange({ ...draft, metadata: { ...draft.metadata, description: event.currentTarget.value || undefined } })
          }
        />
        <TagsInput
          label="Tags"
          value={draft.metadata.tags ?? []}
          error={errorOf('metadata.tags')}
          onChange={(tags) =>
            onChange({ ...draft, metadata: { ...draft.metadata, tags: tags.length ? tags : undefined } })
          }
        />
      </SimpleGrid>
    </Fieldset>
  );

  const body = fieldsets;
  // Errors that no visible input shows (a hidden section, the root, a tag index) are listed on top.
  const rest = [...errors.entries()].filter(([path]) => !shown.has(path));
  return (
    <Stack gap="md">
      {rest.length > 0 && (
        <Alert color="red" title="The config is not valid" role="alert">
          <Stack gap={2}>
            {rest.map(([path, message]) => (
              <Text key={path} size="sm">
                {message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {header}
      {body}
    </Stack>
  );
}
