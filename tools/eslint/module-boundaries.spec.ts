import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The repository's own ESLint config, run on code placed (virtually) inside each project. Type-aware rules are
// switched off because the virtual files are in no tsconfig; the boundaries rule needs no type information.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function boundaryMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/enforce').map((m) => m.message);
}

describe('boundaries/enforce in the repository ESLint config', () => {
  it('fails an import of @nestjs/* from libs/sdk', async () => {
    const messages = await boundaryMessages(
      'libs/sdk/src/bad-import.ts',
      "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('@breakwater/sdk (scope:sdk) must not import "@nestjs/common"');
  });

  it.each([
    ['libs/sdk/src/bad-import.ts', "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n", 'typeorm'],
    ['libs/sdk/src/bad-import.ts', "import { useState } from 'react';\nexport const x = useState;\n", 'react'],
    ['libs/contracts/src/bad-import.ts', "import { Redis } from 'ioredis';\nexport const x = Redis;\n", 'ioredis'],
  ])('fails %s importing %s', async (file, code, pkg) => {
    expect((await boundaryMessages(file, code)).join('\n')).toContain(`must not import "${pkg}"`);
  });

  it('fails the admin UI depending on the control plane package', async () => {
    const messages = await boundaryMessages(
      'apps/admin/src/bad-import.ts',
      "import * as cp from '@breakwater/control-plane';\nexport const x = cp;\n",
    );
    expect(messages[0]).toContain('must not depend on @breakwater/control-plane');
  });

  it('fails a relative import that reaches into another project', async () => {
    const messages = await boundaryMessages(
      'libs/sdk/src/bad-import.ts',
      "import { healthReportSchema } from '../../contracts/src/index.js';\nexport const x = healthReportSchema;\n",
    );
    expect(messages[0]).toContain('import it by its package name');
  });

  it('allows the SDK to import the contracts package and zod', async () => {
    const messages = await boundaryMessages(
      'libs/sdk/src/ok-import.ts',
      "import { healthReportSchema } from '@breakwater/contracts';\nimport { z } from 'zod';\nexport const x = [healthReportSchema, z];\n",
    );
    expect(messages).toEqual([]);
  });
});
