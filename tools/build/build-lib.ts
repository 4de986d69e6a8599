/**
 * Builds a library package to ESM (dist/esm) and CommonJS (dist/cjs) with type declarations for both,
 * so `import` and `require` of the package work. Usage: tsx tools/build/build-lib.ts <packageDir>
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const packageDir = resolve(process.argv[2] ?? '.');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dist = join(packageDir, 'dist');
rmSync(dist, { recursive: true, force: true });

const run = (args: string[]): void => {
  execFileSync(process.execPath, [tsc, ...args], { cwd: packageDir, stdio: 'inherit' });
};

run(['-p', 'tsconfig.build.json', '--outDir', join(dist, 'esm')]);
run([
  '-p',
  'tsconfig.build.json',
  '--outDir',
  join(dist, 'cjs'),
  '--module',
  'commonjs',
  '--moduleResolution',
  'bundler',
]);
mkdirSync(join(dist, 'cjs'), { recursive: true });
writeFileSync(join(dist, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
