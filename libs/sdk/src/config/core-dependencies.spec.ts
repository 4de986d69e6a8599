import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('the core import of @breakwater/sdk', () => {
  it('never imports the yaml package: only @breakwater/sdk/yaml does', () => {
    const offenders = sourceFiles(SRC)
      .map((file) => relative(SRC, file))
      .filter((file) => !file.startsWith(join('config', 'yaml')))
      .filter((file) => /from ['"]yaml['"]|import\(['"]yaml['"]\)/.test(readFileSync(join(SRC, file), 'utf8')));
    expect(offenders).toEqual([]);
    expect(sourceFiles(SRC).some((file) => readFileSync(file, 'utf8').includes("from 'yaml'"))).toBe(true);
  });
});
