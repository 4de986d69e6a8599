import {
  NAME_PATTERN,
  resolveBreakerConfig,
  templateNameSchema,
  toCamelCaseKeys,
  toSnakeCaseKeys,
  type BreakerConfig,
  type BreakerMetadata,
  type BreakerOverrides,
  type FieldError,
  type TemplateName,
  type ValueSources,
} from '@breakwater/contracts';
import { parseDocument, stringify } from 'yaml';

/**
 * What the editor edits: the breaker's own layer (template choice, overrides, metadata). Overrides are kept as
 * typed by the user, possibly invalid, so the contracts schema can name the field and rule exactly as the server.
 */
export interface BreakerDraft {
  name: string;
  template?: TemplateName | undefined;
  overrides: Record<string, unknown>;
  metadata: BreakerMetadata;
}

export type DraftResolution =
  { ok: true; config: BreakerConfig; sources: ValueSources; errors: [] } | { ok: false; errors: FieldError[] };

export interface ResolveContext {
  environment?: string | undefined;
  environmentDefaults?: BreakerOverrides | undefined;
}

/** The effective config of a draft with the origin of each value, or the field errors the server would name. */
export function resolveDraft(draft: BreakerDraft, context: ResolveContext = {}): DraftResolution {
  const result = resolveBreakerConfig({
    name: draft.name,
    template: draft.template,
    environment: context.environment,
    environmentDefaults: context.environmentDefaults,
    overrides: draft.overrides,
    metadata: { ...draft.metadata, template: undefined, environment: undefined },
  });
  return result.success
    ? { ok: true, config: result.config, sources: result.sources, errors: [] }
    : { ok: false, errors: result.errors };
}

/** `bulkheadConfig.maxConcurrentCalls` -> the value at that path, or undefined. */
export function getPath(value: Record<string, unknown>, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** A copy of `overrides` with `path` set, or removed when `next` is undefined (empty sections are dropped). */
export function setOverride(overrides: Record<string, unknown>, path: string, next: unknown): Record<string, unknown> {
  const [head, inner] = path.split('.', 2) as [string, string | undefined];
  const copy = { ...overrides };
  if (inner === undefined) {
    if (next === undefined) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  const section = copy[head];
  const sectionCopy: Record<string, unknown> =
    typeof section === 'object' && section !== null ? { ...(section as Record<string, unknown>) } : {};
  if (next === undefined) delete sectionCopy[inner];
  else sectionCopy[inner] = next;
  if (Object.keys(sectionCopy).length === 0 && section !== null) delete copy[head];
  else copy[head] = sectionCopy;
  return copy;
}

/** Is `path` (or its section, for an inner field) set by the breaker's own overrides. */
export function hasOverride(overrides: Record<string, unknown>, path: string): boolean {
  return getPath(overrides, path) !== undefined;
}

/** The guide's YAML file of a draft: name, the breaker's own values, metadata with the template. */
export function draftToYaml(draft: BreakerDraft): string {
  const metadata: Record<string, unknown> = { ...draft.metadata };
  delete metadata['environment'];
  if (draft.template) metadata['template'] = draft.template;
  else delete metadata['template'];
  const doc: Record<string, unknown> = { name: draft.name, ...draft.overrides };
  if (Object.keys(metadata).length > 0) doc['metadata'] = metadata;
  return stringify(toSnakeCaseKeys(doc));
}

/** A resolved config as the guide's YAML file (every value spelled out). */
export function configToYaml(config: BreakerConfig): string {
  return stringify(toSnakeCaseKeys(config));
}

export type YamlParseResult = { ok: true; draft: BreakerDraft } | { ok: false; errors: FieldError[] };

function yamlError(path: string, rule: string, message: string): YamlParseResult {
  return { ok: false, errors: [{ path, rule, message: `${path}: ${message}` }] };
}

/** The reverse of draftToYaml; syntax errors name the line, shape errors the field. */
export function yamlToDraft(text: string, fallbackName: string): YamlParseResult {
  const doc = parseDocument(text);
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line;
    return yamlError(line ? `line ${line}` : '(yaml)', 'yaml syntax', syntax.message.split('\n')[0] ?? 'invalid YAML');
  }
  const raw = toCamelCaseKeys(doc.toJS() ?? {});
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return yamlError('(root)', 'type object', 'must be a mapping of field names to values');
  const { name, metadata, ...overrides } = raw as Record<string, unknown>;
  if (name !== undefined && typeof name !== 'string') return yamlError('name', 'type string', 'must be a string');
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)))
    return yamlError('metadata', 'type object', 'must be a mapping');
  const { template, environment: _environment, ...rest } = (metadata ?? {}) as Record<string, unknown>;
  let parsedTemplate: TemplateName | undefined;
  if (template !== undefined && template !== null) {
    const checked = templateNameSchema.safeParse(template);
    if (!checked.success)
      return yamlError('metadata.template', 'allowed values', checked.error.issues[0]?.message ?? '');
    parsedTemplate = checked.data;
  }
  return {
    ok: true,
    draft: { name: name ?? fallbackName, template: parsedTemplate, overrides, metadata: rest },
  };
}

/** Paths the user changed between two override sets (leaf paths, sections counted as a whole when nulled). */
export function changedPaths(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const paths = new Set<string>();
  const walk = (a: unknown, b: unknown, prefix: string): void => {
    const isObj = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    if (prefix !== '' && (!isObj(a) || !isObj(b))) {
      if (JSON.stringify(a) !== JSON.stringify(b)) paths.add(prefix);
      return;
    }
    const left = isObj(a) ? a : {};
    const right = isObj(b) ? b : {};
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)]))
      walk(left[key], right[key], prefix ? `${prefix}.${key}` : key);
  };
  walk(before, after, '');
  return [...paths];
}

/**
 * Re-applies the user's edits (base -> mine) on top of what someone else saved meanwhile (theirs): each field
 * the user changed takes the user's value, every other field keeps theirs.
 */
export function rebaseDraft(base: BreakerDraft, mine: BreakerDraft, theirs: BreakerDraft): BreakerDraft {
  let overrides = { ...theirs.overrides };
  for (const path of changedPaths(base.overrides, mine.overrides))
    overrides = setOverride(overrides, path, getPath(mine.overrides, path));
  return {
    name: theirs.name,
    template: base.template !== mine.template ? mine.template : theirs.template,
    overrides,
    metadata: JSON.stringify(base.metadata) !== JSON.stringify(mine.metadata) ? mine.metadata : theirs.metadata,
  };
}

export interface DraftView {
  resolution: DraftResolution;
  /**
   * What the breaker would run with, for display while the draft has errors: the draft without the values that
   * fail (they fall back to the layers below). Undefined only when even that does not resolve.
   */
  effective: { config: BreakerConfig; sources: ValueSources } | undefined;
}

export function viewDraft(draft: BreakerDraft, context: ResolveContext = {}): DraftView {
  const resolution = resolveDraft(draft, context);
  if (resolution.ok) return { resolution, effective: resolution };
  let overrides = draft.overrides;
  let errors = resolution.errors;
  for (let attempt = 0; attempt < 5; attempt++) {
    for (const error of errors) {
      if (hasOverride(overrides, error.path)) overrides = setOverride(overrides, error.path, undefined);
      const section = error.path.split('.')[0] ?? '';
      if (error.path.includes('.') && hasOverride(overrides, section) && !hasOverride(overrides, error.path))
        overrides = setOverride(overrides, section, undefined);
    }
    // Name and metadata never change behaviour: a placeholder keeps the preview while they are being fixed.
    const retry = resolveDraft(
      {
        name: NAME_PATTERN.test(draft.name) ? draft.name : 'unnamed',
        template: draft.template,
        overrides,
        metadata: {},
      },
      context,
    );
    if (retry.ok) return { resolution, effective: retry };
    errors = retry.errors;
  }
  return { resolution, effective: undefined };
}
