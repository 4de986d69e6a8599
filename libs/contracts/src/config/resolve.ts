import type { FieldError } from '../errors/error-envelope.schema.js';
import { toFieldErrors } from '../validation/field-errors.js';
import {
  breakerConfigSchema,
  breakerOverridesSchema,
  type BreakerConfig,
  type BreakerMetadata,
  type BreakerOverrides,
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
  template?: TemplateName | undefined;
  /** Environment name: selects the built-in profile unless `environmentDefaults` is given. */
  environment?: string | undefined;
  /** The environment's defaults layer (the control plane stores these per environment). */
  environmentDefaults?: BreakerOverrides | undefined;
  overrides?: BreakerOverrides | undefined;
  metadata?: BreakerMetadata | undefined;
}

export type ResolveResult =
  { success: true; config: BreakerConfig; sources: ValueSources } | { success: false; errors: FieldError[] };

const SECTION_DEFAULTS: Record<string, Record<string, unknown>> = {
  bulkheadConfig: DEFAULT_BULKHEAD_CONFIG,
  healthCheckConfig: DEFAULT_HEALTH_CHECK_CONFIG,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lays `layer` over `target` in place: scalars and arrays replace, nested objects merge field by field, `null`
 * removes an optional section. A section that a layer switches on starts from its defaults.
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
    if (!parsed.success)
      return { success: false, errors: toFieldErrors(parsed.error, label === 'overrides' ? [] : [label]) };
  }

  const sources: ValueSources = {};
  const merged: Record<string, unknown> = structuredClone(DEFAULT_SETTINGS);
  recordSources(sources, merged, 'default');
  if (input.template) applyLayer(merged, sources, BUILT_IN_TEMPLATES[input.template].settings, 'template');
  for (const [source, layer] of layers) applyLayer(merged, sources, layer as Record<string, unknown>, source);

  const metadata: BreakerMetadata = { ...input.metadata };
  if (input.template && metadata.template === undefined) metadata.template = input.template;
  if (input.environment && metadata.environment === undefined) metadata.environment = input.environment;

  const parsed = breakerConfigSchema.safeParse({ name: input.name, ...merged, metadata });
  if (!parsed.success) return { success: false, errors: toFieldErrors(parsed.error) };
  return { success: true, config: parsed.data, sources };
}

/** The settings part of a config, for comparing or storing configs without their name and metadata. */
export function settingsOf(config: BreakerConfig): Omit<BreakerConfig, 'name' | 'metadata'> {
  const { name: _name, metadata: _metadata, ...settings } = config;
  return settings;
}
