/**
 * ESLint rule `boundaries/enforce`: keeps the dependency arrows between workspace projects one way, using the
 * Nx tags in each project's package.json (`"nx": { "tags": ["scope:sdk"] }`).
 *
 * - a project may import another workspace project only if its tag allows the other's tag (ALLOWED below);
 * - some external packages are banned per tag (the SDK never pulls in NestJS, TypeORM, React...);
 * - a relative import never reaches into another project: import it by its package name.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** Which tags each tag may depend on, among workspace projects. */
export const ALLOWED = {
  'scope:contracts': [],
  'scope:sdk': ['scope:contracts'],
  'scope:admin': ['scope:contracts'],
  'scope:server': ['scope:contracts'],
  'scope:e2e': ['scope:contracts', 'scope:sdk'],
  'scope:bench': ['scope:contracts', 'scope:sdk'],
  'scope:example': ['scope:contracts', 'scope:sdk'],
  'scope:tools': [],
};

const SERVER_ONLY = [
  '@nestjs/',
  'typeorm',
  'pg',
  'bullmq',
  'ioredis',
  'express',
  'socket.io',
  '@socket.io/redis-adapter',
  'argon2',
  'nodemailer',
];
const UI_ONLY = ['react', 'react-dom', '@mantine/', '@tanstack/', 'react-router'];

/** External packages a tag must never import (prefixes ending in "/" match a whole scope). */
export const BANNED = {
  'scope:contracts': [...SERVER_ONLY, ...UI_ONLY, 'socket.io-client', 'yaml'],
  'scope:sdk': [...SERVER_ONLY, ...UI_ONLY],
  'scope:admin': SERVER_ONLY,
  'scope:server': UI_ONLY,
};

const BUILTINS = new Set(builtinModules);
const projectCache = new Map();

/** The workspace project (nearest package.json with a name) that holds `file`. */
function projectOf(file) {
  let dir = dirname(resolve(file));
  const seen = [];
  while (true) {
    if (projectCache.has(dir)) {
      const found = projectCache.get(dir);
      for (const d of seen) projectCache.set(d, found);
      return found;
    }
    seen.push(dir);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      const found = {
        root: dir,
        name: pkg.name,
        tags: pkg.nx?.tags ?? [],
        isWorkspaceRoot: Array.isArray(pkg.workspaces),
      };
      for (const d of seen) projectCache.set(d, found);
      return found;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Workspace package name -> project, read from the root package.json's workspaces. */
function workspaceProjects(rootDir) {
  const key = `ws:${rootDir}`;
  if (projectCache.has(key)) return projectCache.get(key);
  const map = new Map();
  const rootPkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8'));
  for (const pattern of rootPkg.workspaces ?? []) {
    const base = pattern.endsWith('/*') ? join(rootDir, pattern.slice(0, -2)) : join(rootDir, pattern);
    const dirs = pattern.endsWith('/*') && existsSync(base) ? readdirSafe(base).map((d) => join(base, d)) : [base];
    for (const dir of dirs) {
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      map.set(pkg.name, { root: dir, name: pkg.name, tags: pkg.nx?.tags ?? [] });
    }
  }
  projectCache.set(key, map);
  return map;
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBanned(specifier, banned) {
  return banned.find((entry) =>
    entry.endsWith('/') ? specifier.startsWith(entry) : specifier === entry || specifier.startsWith(`${entry}/`),
  );
}

function findWorkspaceRoot(project) {
  let dir = project.root;
  while (true) {
    const found = projectOf(join(dir, '__probe__'));
    if (found?.isWorkspaceRoot) return found.root;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export const enforceRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the dependency direction between workspace projects by their Nx tags' },
    schema: [],
    messages: {
      banned: '{{project}} ({{tag}}) must not import "{{specifier}}": it is reserved for other layers ({{entry}}).',
      notAllowed: '{{project}} ({{tag}}) must not depend on {{target}} ({{targetTags}}); allowed: {{allowed}}.',
      crossRelative: 'Relative import reaches into {{target}}: import it by its package name instead.',
    },
  },
  create(context) {
    const filename = context.filename;
    const project = projectOf(filename);
    if (!project || project.isWorkspaceRoot || project.tags.length === 0) return {};
    const rootDir = findWorkspaceRoot(project);
    const workspace = rootDir ? workspaceProjects(rootDir) : new Map();

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = projectOf(resolve(dirname(filename), specifier));
        if (target && target.root !== project.root) {
          context.report({ node, messageId: 'crossRelative', data: { target: target.name ?? target.root } });
        }
        return;
      }
      if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return;
      const name = packageNameOf(specifier);
      const target = workspace.get(name);
      if (target) {
        if (target.root === project.root) return;
        const allowed = new Set(project.tags.flatMap((tag) => ALLOWED[tag] ?? []));
        if (!target.tags.some((tag) => allowed.has(tag))) {
          context.report({
            node,
            messageId: 'notAllowed',
            data: {
              project: project.name,
              tag: project.tags.join(','),
              target: target.name,
              targetTags: target.tags.join(',') || 'no tags',
              allowed: [...allowed].join(', ') || 'nothing',
            },
          });
        }
        return;
      }
      for (const tag of project.tags) {
        const entry = isBanned(specifier, BANNED[tag] ?? []);
        if (entry) {
          context.report({ node, messageId: 'banned', data: { project: project.name, tag, specifier, entry } });
          return;
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

export const moduleBoundaries = { meta: { name: 'breakwater-boundaries' }, rules: { enforce: enforceRule } };
