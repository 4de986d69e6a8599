import type { z } from 'zod';
import type { FieldError } from '../errors/error-envelope.schema.js';

/** `bulkheadConfig.maxConcurrentCalls`, `metadata.tags[2]`: how a field is named in every message. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out.length === 0 ? String(segment) : `.${String(segment)}`;
  }
  return out || '(root)';
}

function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.inclusive === false ? `greater than ${String(issue.minimum)}` : `min ${String(issue.minimum)}`;
    case 'too_big':
      return issue.inclusive === false ? `less than ${String(issue.maximum)}` : `max ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return 'unknown field';
    case 'invalid_type':
      return `type ${issue.expected}`;
    case 'invalid_value':
      return 'allowed values';
    case 'invalid_format':
      return `format ${issue.format}`;
    case 'not_multiple_of':
      return `multiple of ${String(issue.divisor)}`;
    case 'custom':
      return typeof issue.params?.['rule'] === 'string' ? issue.params['rule'] : 'custom';
    default:
      return issue.code;
  }
}

/**
 * Turns zod issues into one entry per failing field and rule. An unknown key is reported at the key itself
 * (`failure_treshold`), not at its parent object, so the message points at the typo.
 */
export function toFieldErrors(error: z.ZodError, basePath: ReadonlyArray<PropertyKey> = []): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = formatPath([...basePath, ...issue.path, key]);
        out.push({ path, rule: 'unknown field', message: `${path}: unknown field (check the spelling)` });
      }
      continue;
    }
    const path = formatPath([...basePath, ...issue.path]);
    out.push({ path, rule: ruleOf(issue), message: `${path}: ${issue.message}` });
  }
  return out;
}

/** One readable line per problem, for logs and CLI output. */
export function describeFieldErrors(errors: ReadonlyArray<FieldError>): string {
  return errors.map((e) => e.message).join('; ');
}
