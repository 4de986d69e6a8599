import { toSnakeCasePath, type FieldError } from '@breakwater/contracts';

const CAMEL_WORD = /\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\b/g;

/**
 * A field error as the guide's snake_case files spell it: `bulkheadConfig.maxQueue: ...` becomes
 * `bulkhead_config.max_queue: ...`, and so do the fields the message mentions (`did you mean failure_threshold?`).
 */
export function snakeCaseMessage(error: FieldError): FieldError {
  const path = toSnakeCasePath(error.path);
  const message = error.message.replace(CAMEL_WORD, (word) => toSnakeCasePath(word));
  return { path, rule: error.rule.replace(CAMEL_WORD, (word) => toSnakeCasePath(word)), message };
}
