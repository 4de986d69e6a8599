import { Injectable } from '@nestjs/common';
import {
  type BreakerContent,
  breakerConfigDocumentSchema,
  type FieldError,
  type ImportResult,
  nameSchema,
  SETTINGS_KEYS,
  toCamelCaseKeys,
  toFieldErrors,
  toSnakeCaseKeys,
  toSnakeCasePath,
} from '@breakwater/contracts';
import { parseAllDocuments, stringify } from 'yaml';
import { z } from 'zod';
import type { Actor } from '../../core/auth/principal.js';
import { type Tx, Transactions } from '../../core/database/transactions.js';
import { ServicesService } from '../services/services.service.js';
import { contentHash, diffValues, effectiveConfig } from './breaker-config.js';
import { BreakerConfigError } from './breaker-config.errors.js';
import { BreakerConfigsService } from './breaker-configs.service.js';
import { BreakerConfigsRepository } from './persistence/breaker-configs.repository.js';

export const MAX_IMPORT_DOCUMENTS = 1_000;

/** What a new breaker's diff is taken against, so it lists only the fields the document sets. */
const EMPTY_CONTENT: BreakerContent = { overrides: {}, metadata: {} };

/** One YAML document of an import: the contracts' breaker config document plus the `service` it belongs to. */
const documentSchema = z
  .looseObject({ service: nameSchema }, { error: 'must be a mapping with service, name and the breaker fields' })
  .transform(({ service, ...document }) => ({ service, document }))
  .pipe(z.object({ service: nameSchema, document: breakerConfigDocumentSchema }));

interface ParsedDocument {
  service: string;
  name: string;
  content: BreakerContent;
}

function yamlErrors(index: number, errors: FieldError[]): FieldError[] {
  return errors.map((error) => {
    const path = error.path === '(root)' ? `documents[${index}]` : `documents[${index}].${toSnakeCasePath(error.path)}`;
    const message = error.message.slice(error.message.indexOf(':') + 1).trim();
    return { path, rule: error.rule, message: `${path}: ${message}` };
  });
}

/** Import and export of an environment's breakers as multi-document YAML in the guide's snake_case format. */
@Injectable()
export class ImportExportService {
  constructor(
    private readonly db: Transactions,
    private readonly configs: BreakerConfigsRepository,
    private readonly breakers: BreakerConfigsService,
    private readonly services: ServicesService,
  ) {}

  /** One document per live breaker: its template, own overrides and metadata (re-importing it changes nothing). */
  async export(environmentName: string): Promise<string> {
    const tx = this.db.read;
    await this.breakers.environment(tx, environmentName);
    const documents = (await this.configs.listLive(tx, environmentName)).map((stored) => {
      const { template, overrides, metadata } = stored.content;
      const body = {
        service: stored.service,
        name: stored.name,
        ...Object.fromEntries(SETTINGS_KEYS.filter((key) => key in overrides).map((key) => [key, overrides[key]])),
        metadata: { ...metadata, environment: environmentName, ...(template ? { template } : {}) },
      };
      return `# ${stored.service}/${stored.name} version ${stored.currentVersion}\n${stringify(toSnakeCaseKeys(body))}`;
    });
    return documents.join('---\n');
  }

  parse(text: string, environment: string): ParsedDocument[] {
    const documents = parseAllDocuments(text);
    const list = Array.isArray(documents) ? documents : [documents];
    const errors: FieldError[] = [];
    const parsed: ParsedDocument[] = [];
    const seen = new Set<string>();
    if (list.length > MAX_IMPORT_DOCUMENTS)
      throw BreakerConfigError.invalid([
        {
          path: 'documents',
          rule: `max ${MAX_IMPORT_DOCUMENTS}`,
          message: `documents: at most ${MAX_IMPORT_DOCUMENTS} per import`,
        },
      ]);
    list.forEach((document, index) => {
      const problem = document.errors[0];
      if (problem) {
        errors.push({
          path: `documents[${index}]`,
          rule: 'yaml',
          message: `documents[${index}]: not valid YAML: ${problem.message}`,
        });
        return;
      }
      let json: unknown;
      try {
        // toJSON refuses documents that expand aliases excessively (a "billion laughs" file).
        json = document.toJS({ maxAliasCount: 100 });
      } catch (error) {
        errors.push({
          path: `documents[${index}]`,
          rule: 'yaml',
          message: `documents[${index}]: ${error instanceof Error ? error.message : String(error)}`,
        });
        return;
      }
      const raw = toCamelCaseKeys(json);
      if (raw === null || raw === undefined) return; // an empty document (a trailing ---)
      const head = documentSchema.safeParse(raw);
      if (!head.success) {
        errors.push(
          ...yamlErrors(
            index,
            toFieldErrors(head.error).map((e) => ({ ...e, path: e.path.replace(/^document\.?/, '') || '(root)' })),
          ),
        );
        return;
      }
      const {
        service,
        document: { name, metadata = {}, ...overrides },
      } = head.data;
      if (metadata.environment !== undefined && metadata.environment !== environment)
        errors.push({
          path: `documents[${index}].metadata.environment`,
          rule: 'environment',
          message: `documents[${index}].metadata.environment: is ${metadata.environment}, but this import is into ${environment}`,
        });
      const key = `${service}/${name}`;
      if (seen.has(key))
        errors.push({
          path: `documents[${index}].name`,
          rule: 'unique',
          message: `documents[${index}].name: ${key} appears twice in this import`,
        });
      seen.add(key);
      const { template, environment: _environment, ...rest } = metadata;
      parsed.push({
        service,
        name,
        content: template ? { template, overrides, metadata: rest } : { overrides, metadata: rest },
      });
    });
    if (errors.length > 0) throw BreakerConfigError.invalid(errors);
    return parsed;
  }

  /**
   * Validates every document and computes its diff; with `dryRun` false also writes a version per changed breaker
   * (creating missing services), all in one transaction: one invalid document and nothing is written.
   */
  async import(
    actor: Actor,
    environmentName: string,
    text: string,
    dryRun: boolean,
    message?: string,
  ): Promise<ImportResult> {
    const documents = this.parse(text, environmentName);
    const work = async (tx: Tx): Promise<ImportResult> => {
      const environment = await this.breakers.environment(tx, environmentName, !dryRun);
      const result: ImportResult = { dryRun, environment: environmentName, items: [], createdServices: [] };
      const errors: FieldError[] = [];
      for (const [index, document] of documents.entries()) {
        try {
          effectiveConfig(document.name, environmentName, environment.defaults, document.content);
        } catch (error) {
          if (!(error instanceof BreakerConfigError)) throw error;
          errors.push(...yamlErrors(index, (error.details as { fields: FieldError[] }).fields));
        }
      }
      if (errors.length > 0) throw BreakerConfigError.invalid(errors);
      for (const document of documents) {
        if (!result.createdServices.includes(document.service) && !(await this.services.exists(tx, document.service))) {
          result.createdServices.push(document.service);
          if (!dryRun)
            await this.services.createIn(tx, actor, { name: document.service, message: 'created by import' });
        }
        const current = await this.configs.find(tx, environmentName, document.service, document.name, !dryRun);
        const live = current && !current.deleted ? current : undefined;
        const unchanged = live?.contentHash === contentHash(document.content);
        const item: ImportResult['items'][number] = {
          service: document.service,
          name: document.name,
          action: unchanged ? 'unchanged' : live ? 'update' : 'create',
          changes: diffValues(live?.content ?? EMPTY_CONTENT, document.content),
        };
        if (live) item.currentVersion = live.currentVersion;
        if (!unchanged) item.newVersion = (current?.currentVersion ?? 0) + 1;
        result.items.push(item);
        if (!dryRun && !unchanged)
          await this.breakers.write(
            tx,
            actor,
            environment,
            { environment: environmentName, service: document.service, name: document.name },
            current,
            document.content,
            message ?? 'import',
            'breaker_config.imported',
          );
      }
      return result;
    };
    return this.db.run(work);
  }
}
