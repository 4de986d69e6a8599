/**
 * The README's configuration reference is generated from the contracts (field table, schema bounds, templates,
 * environment profiles): this test fails when the README and the code drift apart.
 * Regenerate with: UPDATE_README=1 npx vitest run --project contracts configuration-reference
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { breakerConfigSchema, TEMPLATE_NAMES } from './breaker-config.schema.js';
import { CONFIG_FIELD_REFERENCE } from './field-reference.js';
import { resolveBreakerConfig } from './resolve.js';
import { BUILT_IN_ENVIRONMENTS, ENVIRONMENT_PROFILES } from './templates.js';
import { toSnakeCasePath } from './yaml-keys.js';

const README = fileURLToPath(new URL('../../../../README.md', import.meta.url));
const EXAMPLE = fileURLToPath(
  new URL('../../../../examples/config/circuit_breakers/claude_production.yaml', import.meta.url),
);
const START = '<!-- generated: configuration-reference (edit libs/contracts/src/config, then UPDATE_README=1) -->';
const END = '<!-- end generated: configuration-reference -->';

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxItems?: number;
  maxLength?: number;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

const ROOT = z.toJSONSchema(breakerConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

function schemaAt(path: string): { node: JsonSchema; required: boolean } {
  let node = ROOT;
  let required = true;
  for (const segment of path.split('.')) {
    required = node.required?.includes(segment) ?? false;
    const next = node.properties?.[segment];
    if (next === undefined) throw new Error(`no schema for ${path}`);
    node = next;
  }
  return { node, required };
}

function range(node: JsonSchema): string {
  const low =
    node.exclusiveMinimum !== undefined
      ? `> ${node.exclusiveMinimum}`
      : node.minimum !== undefined
        ? `≥ ${node.minimum}`
        : '';
  const high = node.maximum !== undefined ? `≤ ${node.maximum}` : '';
  return [low, high].filter(Boolean).join(', ');
}

function bounds(path: string): string {
  const { node } = schemaAt(path);
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(', ');
  switch (node.type) {
    case 'integer':
      return `whole, ${range(node)}`;
    case 'number':
      return range(node);
    case 'string':
      return node.pattern === undefined
        ? `at most ${node.maxLength} characters`
        : `\`${node.pattern.replace(/\|/g, '\\|')}\``;
    case 'array':
      return `at most ${node.maxItems} entries, no repeats${node.items?.pattern ? `, each \`${node.items.pattern}\`` : ''}`;
    case 'object':
      return 'see its fields';
    default:
      return '';
  }
}

function cell(value: unknown): string {
  if (value === undefined) return 'off';
  if (typeof value === 'string') return `\`${value}\``;
  return `\`${JSON.stringify(value)}\``;
}

function valueAt(config: Record<string, unknown>, path: string): unknown {
  let value: unknown = config;
  for (const segment of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[segment];
  return value;
}

function table(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function render(): string {
  const fields = CONFIG_FIELD_REFERENCE.map((field) => {
    const { required } = schemaAt(field.path);
    const rule = [bounds(field.path), field.crossFieldRule].filter(Boolean).join('; ');
    return [
      `\`${toSnakeCasePath(field.path)}\``,
      `\`${field.path}\``,
      field.unit,
      required ? 'required' : 'optional',
      rule,
      field.description,
    ];
  });

  const settingPaths = CONFIG_FIELD_REFERENCE.map((f) => f.path).filter(
    (path) => path !== 'name' && !path.startsWith('metadata.') && schemaAt(path).node.type !== 'object',
  );
  const resolved = [undefined, ...TEMPLATE_NAMES].map((template) => {
    const result = resolveBreakerConfig({ name: 'x', template });
    if (!result.success) throw new Error(JSON.stringify(result.errors));
    return result.config;
  });
  const templates = settingPaths.map((path) => [
    `\`${toSnakeCasePath(path)}\``,
    ...resolved.map((config) => cell(valueAt(config, path))),
  ]);

  const profilePaths = settingPaths.filter((path) =>
    BUILT_IN_ENVIRONMENTS.some((env) => valueAt(ENVIRONMENT_PROFILES[env], path) !== undefined),
  );
  const profiles = profilePaths.map((path) => [
    `\`${toSnakeCasePath(path)}\``,
    ...BUILT_IN_ENVIRONMENTS.map((env) => {
      const value = valueAt(ENVIRONMENT_PROFILES[env], path);
      return value === undefined ? 'template' : cell(value);
    }),
  ]);

  return [
    START,
    '',
    '### Fields',
    '',
    "YAML key, TypeScript name, unit, whether a complete configuration must have it (a YAML file or `createCircuitBreakerConfig` may leave any field out: the template, profile and defaults fill it in; a section's fields are required when the section is present), accepted values, meaning. A value outside the bounds is refused with a message naming the field and the rule.",
    '',
    table(['YAML key', 'TypeScript', 'unit', 'presence', 'bounds', 'meaning'], fields),
    '',
    '### Defaults per template',
    '',
    'What a configuration starts from (`default` when no template is named). "off" means the optional part is absent.',
    '',
    table(['field', 'default', ...TEMPLATE_NAMES.map((t) => `\`${t}\``)], templates),
    '',
    '### Environment profiles',
    '',
    'Laid over the template\'s values; "template" keeps the template\'s value. Other environment names have no profile.',
    '',
    table(['field', ...BUILT_IN_ENVIRONMENTS.map((e) => `\`${e}\``)], profiles),
    '',
    END,
  ].join('\n');
}

async function formatted(markdown: string): Promise<string> {
  const options = (await resolveConfig(README)) ?? {};
  return format(markdown, { ...options, parser: 'markdown' });
}

describe('README configuration reference', () => {
  it('documents every field of the schema', () => {
    const documented = new Set(CONFIG_FIELD_REFERENCE.map((f) => f.path));
    const expected: string[] = [];
    const walk = (node: JsonSchema, prefix: string) => {
      for (const [key, inner] of Object.entries(node.properties ?? {})) {
        const path = prefix ? `${prefix}.${key}` : key;
        const object = inner.type === 'object' ? inner : inner.anyOf?.find((option) => option.type === 'object');
        if (object?.properties) {
          if (documented.has(path)) expected.push(path);
          walk(object, path);
        } else expected.push(path);
      }
    };
    walk(ROOT, '');
    expect([...documented].sort()).toEqual(expected.sort());
  });

  it('is what the contracts say (regenerate with UPDATE_README=1)', async () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    const generated = (await formatted(render())).trimEnd();
    if (process.env['UPDATE_README'] === '1') {
      const anchor = '<!-- section: configuration-reference -->\n';
      const next =
        start >= 0 && end > start
          ? readme.slice(0, start) + generated + readme.slice(end + END.length)
          : readme.replace(anchor, `${anchor}\n${generated}\n`);
      writeFileSync(README, next);
      return;
    }
    expect(start, 'README has the generated block').toBeGreaterThan(0);
    expect(readme.slice(start, end + END.length)).toBe(generated);
  });

  it("quotes the guide's YAML example as it is", () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain('```yaml\n' + readFileSync(EXAMPLE, 'utf8') + '```');
  });
});
