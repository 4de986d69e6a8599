import { z } from 'zod';
import type { FieldError } from '../errors/error-envelope.schema.js';
import { closestMatch } from './closest-match.js';

/** The message of a missing field (schemas use `typeError`, which says so instead of naming the type). */
export const REQUIRED_MESSAGE = 'is required';

/**
 * The `error` option of a schema: "is required" when the value is missing, "must be <what>" when it has the wrong
 * type; other issues keep the messages their rules give.
 */
export function typeError(
  what: string,
  codes: ReadonlyArray<string> = ['invalid_type'],
): { error: (issue: { code?: string; input?: unknown }) => string | undefined } {
  return {
    error: (issue) => {
      if (issue.code !== undefined && !codes.includes(issue.code)) return undefined;
      return issue.input === undefined ? REQUIRED_MESSAGE : `must be ${what}`;
    },
  };
}

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
  if (issue.message === REQUIRED_MESSAGE) return 'required';
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

/** Looks through optional, nullable, default and pipe wrappers to the schema that holds the data. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The field names an object schema accepts at `path`, or undefined when `path` is not an object of `schema`. */
export function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] | undefined {
  let current = unwrap(schema);
  for (const segment of path) {
    if (typeof segment === 'number' && current instanceof z.ZodArray) current = unwrap(current.element as z.ZodType);
    else if (typeof segment === 'string' && current instanceof z.ZodObject) {
      const next = (current.shape as Record<string, z.ZodType | undefined>)[segment];
      if (next === undefined) return undefined;
      current = unwrap(next);
    } else return undefined;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : undefined;
}

export interface FieldErrorOptions {
  /** Prefix of every path (`environmentDefaults` when the errors are about that part of a request). */
  basePath?: ReadonlyArray<PropertyKey>;
  /** The schema that failed: lets an unknown field be answered with the field it most likely meant. */
  schema?: z.ZodType;
}

/**
 * Turns zod issues into one entry per failing field and rule. An unknown key is reported at the key itself
 * (`failureTreshold`), not at its parent object, with the closest known field when one is near
 * (`failureTreshold: unknown field, did you mean failureThreshold?`).
 */
export function toFieldErrors(
  error: z.ZodError,
  options: FieldErrorOptions | ReadonlyArray<PropertyKey> = {},
): FieldError[] {
  const { basePath = [], schema } = Array.isArray(options)
    ? { basePath: options as ReadonlyArray<PropertyKey>, schema: undefined }
    : (options as FieldErrorOptions);
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = schema ? (knownKeysAt(schema, issue.path) ?? []) : [];
      for (const key of issue.keys) {
        const path = formatPath([...basePath, ...issue.path, key]);
        const suggestion = closestMatch(key, known);
        const hint = suggestion === undefined ? ' (check the spelling)' : `, did you mean ${suggestion}?`;
        out.push({ path, rule: 'unknown field', message: `${path}: unknown field${hint}` });
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
