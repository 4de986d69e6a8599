import type { FieldError } from '@breakwater/contracts';

const BRAND = Symbol.for('breakwater.ConfigurationError');

export type ConfigurationErrorCode = 'INVALID_CONFIG' | 'NOT_FOUND';

/** One problem of a configuration: the field, the rule, a readable message; with its place when read from a file. */
export interface ConfigurationProblem extends FieldError {
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
}

/**
 * A configuration was refused: `problems` lists every reason, each naming its field (and file and line for YAML).
 * Nothing was changed. Use `isConfigurationError` rather than `instanceof`: two copies of the SDK may be loaded.
 */
export class ConfigurationError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'ConfigurationError';

  constructor(
    readonly code: ConfigurationErrorCode,
    summary: string,
    readonly problems: ReadonlyArray<ConfigurationProblem> = [],
  ) {
    super(problems.length === 0 ? summary : `${summary}:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
  }

  /** The readable messages, one per problem (what `validator.validateConfig` returns). */
  get messages(): string[] {
    return this.problems.map((problem) => problem.message);
  }
}

export function isConfigurationError(error: unknown): error is ConfigurationError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}
