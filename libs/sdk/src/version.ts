/** Reported to the control plane when the SDK connects. Kept in step with package.json by a test. */
export const SDK_VERSION = '0.1.0';
