import { resolveBreakerConfigDocument, toCamelCaseKeys, type FieldError } from '@breakwater/contracts';
import { isPlainObject } from './is-plain-object.js';
import { snakeCaseMessage } from './snake-case-message.js';

/** `{failure_threshold: 5}` (the guide's Python and YAML spelling) rather than `{failureThreshold: 5}`. */
function isSnakeCase(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.some((key) => key.includes('_')) && !keys.some((key) => /[A-Z]/.test(key));
}

/**
 * The guide's "Configuration Validation": `validateConfig(obj)` returns one readable message per problem, an
 * empty list when the configuration is valid. It takes a whole configuration or a partial one without a name
 * (`{failureThreshold: 5, timeout: 30}`), resolved over the defaults or over the template and environment its
 * `metadata` names; snake_case keys as in the guide's Python and YAML are understood, and the
 * messages then use them too.
 */
export class ConfigurationValidator {
  validateConfig(config: unknown): string[] {
    return this.validate(config).map((error) => error.message);
  }

  /** Like `validateConfig`, with the field path and rule of each problem. */
  validate(config: unknown): FieldError[] {
    if (!isPlainObject(config)) {
      return [{ path: '(root)', rule: 'type object', message: '(root): must be an object of configuration fields' }];
    }
    const snake = isSnakeCase(config);
    const input = snake ? (toCamelCaseKeys(config) as Record<string, unknown>) : config;
    // Without a name it is a partial configuration: only its fields are judged (over the defaults, or over the
    // template and environment its metadata names).
    const result = resolveBreakerConfigDocument('name' in input ? input : { name: 'unnamed', ...input });
    if (result.success) return [];
    return snake ? result.errors.map(snakeCaseMessage) : result.errors;
  }
}
