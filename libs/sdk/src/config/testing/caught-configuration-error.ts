import { isConfigurationError, type ConfigurationError } from '../configuration-error.js';

/** For tests: the ConfigurationError that `fn` throws or rejects with (anything else fails the test). */
export async function caughtConfigurationError(fn: () => unknown): Promise<ConfigurationError> {
  try {
    await fn();
  } catch (error) {
    if (isConfigurationError(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError, but nothing was thrown');
}
