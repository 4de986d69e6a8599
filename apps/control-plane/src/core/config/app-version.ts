import { readFileSync } from 'node:fs';

function readVersion(): string {
  // Walk up from this file to the control plane's package.json (src/ in development, dist/src/ when built).
  for (const relative of ['../../../package.json', '../../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === '@breakwater/control-plane' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

/** The control plane's version, from its package.json. */
export const APP_VERSION = readVersion();
