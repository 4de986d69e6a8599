import type { FieldError } from '../errors/error-envelope.schema.js';
import { toFieldErrors } from '../validation/field-errors.js';
import {
  breakerConfigDocumentSchema,
  breakerConfigPatchSchema,
  breakerConfigSchema,
  breakerOverridesSchema,
  type BreakerConfig,
  type BreakerMetadata,
  type BreakerOverrides,
  templateNameSchema,
  type TemplateName,
} from './breaker-config.schema.js';
import {
  BUILT_IN_TEMPLATES,
  DEFAULT_BULKHEAD_CONFIG,
  DEFAULT_HEALTH_CHECK_CONFIG,
  DEFAULT_SETTINGS,
  environmentProfile,
} from './templates.js';

/** Where an effective value came from, lowest layer first. */
export const VALUE_SOURCES = ['default', 'template', 'environment', 'override'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

/** Effective value origin per leaf field path (`timeout`, `bulkheadConfig.maxConcurrentCalls`). */
export type ValueSources = Record<string, ValueSource>;

export interface ResolveInput {
  name: string;
  /**
   * The template to start from. `metadata` only describes: a `metadata.template` without `template` selects
   * nothing (a complete config passed back in keeps its values), and one that differs from `template` is an error.
   */
  template?: TemplateName | undefined;
  /**
   * Environment name: selects the built-in profile unless `environmentDefaults` is given; a
   * `metadata.environment` that differs from it is an error.
   */
  environment?: string | undefined;
  /** The environment's defaults layer (the control plane stores these per environment). */
  environmentDefaults?: BreakerOverrides | undefined;
  overrides?: BreakerOverrides | undefined;
  metadata?: BreakerMetadata | undefined;
}

export type ResolveResult =
  { success: true; config: BreakerConfig; sources: ValueSources } | { success: false; errors: FieldError[] };

export type ApplyResult = { success: true; config: BreakerConfig } | { success: false; errors: FieldError[] };

const SECTION_DEFAULTS: Record<string, Record<string, unknown>> = {
  bulkheadConfig: DEFAULT_BULKHEAD_CONFIG,
  healthCheckConfig: DEFAULT_HEALTH_CHECK_CONFIG,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lays `layer` over `target` in place: scalars and arrays replace, nested objects merge field by field, `null`
 * removes an optional section (or, inside a section, an optional field). A section that a layer switches on starts
 * from its defaults.
 */
function applyLayer(
  target: Record<string, unknown>,
  sources: ValueSources,
  layer: Record<string, unknown>,
  source: ValueSource,
): void {
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    if (value === null) {
      delete target[key];
      for (const path of Object.keys(sources)) if (path === key || path.startsWith(`${key}.`)) delete sources[path];
      continue;
    }
    if (isPlainObject(value)) {
      let section = target[key];
      if (!isPlainObject(section)) {
        section = { ...(SECTION_DEFAULTS[key] ?? {}) };
        for (const inner of Object.keys(section as object)) sources[`${key}.${inner}`] = 'default';
      } else {
        section = { ...section };
      }
      for (const [inner, innerValue] of Object.entries(value)) {
        if (innerValue === undefined) continue;
        if (innerValue === null) {
          delete (section as Record<string, unknown>)[inner];
          delete sources[`${key}.${inner}`];
          continue;
        }
        (section as Record<string, unknown>)[inner] = innerValue;
        sources[`${key}.${inner}`] = source;
      }
      target[key] = section;
      continue;
    }
    target[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
    sources[key] = source;
  }
}

function recordSources(target: ValueSources, values: Record<string, unknown>, source: ValueSource): void {
  for (const [key, value] of Object.entries(values)) {
    if (isPlainObject(value)) for (const inner of Object.keys(value)) target[`${key}.${inner}`] = source;
    else target[key] = source;
  }
}

function contradiction(field: 'template' | 'environment', stated: string, resolved: string): FieldError {
  const path = `metadata.${field}`;
  return {
    path,
    rule: `equals ${field}`,
    message: `${path}: says "${stated}" but the configuration is resolved for ${field} "${resolved}"; remove one or make them agree`,
  };
}

/**
 * The effective configuration: defaults, then the template, then the environment's defaults, then the breaker's
 * own overrides; validated as a whole (cross-field rules apply to the result), with the origin of every value.
 */
export function resolveBreakerConfig(input: ResolveInput): ResolveResult {
  const layers: Array<[ValueSource, unknown, string]> = [
    ['environment', input.environmentDefaults ?? environmentProfile(input.environment), 'environmentDefaults'],
    ['override', input.overrides ?? {}, 'overrides'],
  ];
  for (const [, layer, label] of layers) {
    const parsed = breakerOverridesSchema.safeParse(layer);
    if (!parsed.success) {
      const basePath = label === 'overrides' ? [] : [label];
      return { success: false, errors: toFieldErrors(parsed.error, { basePath, schema: breakerOverridesSchema }) };
    }
  }

  const metadata: BreakerMetadata = { ...input.metadata };
  const errors: FieldError[] = [];
  if (input.template !== undefined && metadata.template !== undefined && metadata.template !== input.template) {
    errors.push(contradiction('template', metadata.template, input.template));
  }
  if (
    input.environment !== undefined &&
    metadata.environment !== undefined &&
    metadata.environment !== input.environment
  ) {
    errors.push(contradiction('environment', metadata.environment, input.environment));
  }
  if (errors.length > 0) return { success: false, errors };
  const template = input.template;
  if (template !== undefined) metadata.template = template;
  if (input.environment !== undefined) metadata.environment = input.environment;

  const sources: ValueSources = {};
  const merged: Record<string, unknown> = structuredClone(DEFAULT_SETTINGS);
  recordSources(sources, merged, 'default');
  if (template !== undefined) {
    // Callers from plain JavaScript (or JSON) may name a template that does not exist.
    const known = templateNameSchema.safeParse(template);
    if (!known.success) {
      return { success: false, errors: toFieldErrors(known.error, { basePath: ['template'] }) };
    }
    applyLayer(merged, sources, BUILT_IN_TEMPLATES[known.data].settings, 'template');
  }
  for (const [source, layer] of layers) applyLayer(merged, sources, layer as Record<string, unknown>, source);

  const parsed = breakerConfigSchema.safeParse({ name: input.name, ...merged, metadata });
  if (!parsed.success) return { success: false, errors: toFieldErrors(parsed.error, { schema: breakerConfigSchema }) };
  return { success: true, config: parsed.data, sources };
}

/**
 * Resolves what a YAML file or an import holds: `metadata.template` and `metadata.environment` pick the layers,
 * every other field overrides them. The guide's `claude_production.yaml` lists only some fields: the rest come
 * from the `ai_provider` template and the `production` profile.
 */
export function resolveBreakerConfigDocument(document: unknown): ResolveResult {
  const parsed = breakerConfigDocumentSchema.safeParse(document);
  if (!parsed.success) {
    return { success: false, errors: toFieldErrors(parsed.error, { schema: breakerConfigDocumentSchema }) };
  }
  const { name, metadata, ...overrides } = parsed.data;
  return resolveBreakerConfig({
    name,
    template: metadata?.template,
    environment: metadata?.environment,
    overrides,
    metadata,
  });
}

/**
 * A registered config with a change laid over it (`updateConfiguration`): the same layering rules as overrides
 * (`null` switches an optional part off), then the whole result validated. Never modifies `config`.
 */
export function applyBreakerOverrides(config: BreakerConfig, patch: unknown): ApplyResult {
  const parsedPatch = breakerConfigPatchSchema.safeParse(patch);
  if (!parsedPatch.success) {
    return { success: false, errors: toFieldErrors(parsedPatch.error, { schema: breakerConfigPatchSchema }) };
  }
  const { metadata: metadataPatch, ...overrides } = parsedPatch.data;
  const errors: FieldError[] = [];
  for (const field of ['template', 'environment'] as const) {
    const stated = metadataPatch?.[field];
    const current = config.metadata[field];
    if (stated !== undefined && stated !== current) {
      errors.push({
        path: `metadata.${field}`,
        rule: 'unchanged',
        message: `metadata.${field}: cannot change from ${current === undefined ? 'none' : `"${current}"`} to "${stated}" (the values were resolved for it); create a new configuration instead`,
      });
    }
  }
  if (errors.length > 0) return { success: false, errors };

  const { name, metadata, ...settings } = structuredClone(config);
  applyLayer(settings, {}, overrides, 'override');
  const nextMetadata: Record<string, unknown> = { ...metadata };
  for (const [key, value] of Object.entries(metadataPatch ?? {})) if (value !== undefined) nextMetadata[key] = value;
  const parsed = breakerConfigSchema.safeParse({ name, ...settings, metadata: nextMetadata });
  if (!parsed.success) return { success: false, errors: toFieldErrors(parsed.error, { schema: breakerConfigSchema }) };
  return { success: true, config: parsed.data };
}

/** The settings part of a config, for comparing or storing configs without their name and metadata. */
export function settingsOf(config: BreakerConfig): Omit<BreakerConfig, 'name' | 'metadata'> {
  const { name: _name, metadata: _metadata, ...settings } = config;
  return settings;
}
