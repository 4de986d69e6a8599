import { Body, Controller, Headers, Param, Query, Res } from '@nestjs/common';
import {
  API_ROUTES,
  type Breaker,
  type BreakerDiff,
  type BreakerListQuery,
  breakerListQuerySchema,
  type BreakerVersion,
  changesQuerySchema,
  type ChangesResponse,
  diffQuerySchema,
  importQuerySchema,
  nameSchema,
  type ImportResult,
  putBreakerRequestSchema,
  type RollbackRequest,
  rollbackRequestSchema,
  versionParamSchema,
} from '@breakwater/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiRoute, CurrentActor } from '../../core/auth/auth.decorators.js';
import type { Actor } from '../../core/auth/principal.js';
import { ZodPipe } from '../../core/http/zod-pipe.js';
import { envParam } from '../environments/environments.controller.js';
import { serviceParam } from '../services/services.controller.js';
import { parseIfMatch } from './breaker-config.js';
import { BreakerConfigError } from './breaker-config.errors.js';
import { type BreakerKey, BreakerConfigsService } from './breaker-configs.service.js';
import { ImportExportService } from './import-export.service.js';

const nameParam = new ZodPipe(nameSchema, 'path parameter name');

@Controller()
export class BreakerConfigsController {
  constructor(
    private readonly breakers: BreakerConfigsService,
    private readonly importExport: ImportExportService,
  ) {}

  @ApiRoute(API_ROUTES.listBreakers)
  list(
    @Param('env', envParam) env: string,
    @Query(new ZodPipe(breakerListQuerySchema, 'query')) query: BreakerListQuery,
  ): Promise<{ items: Breaker[]; revision: number }> {
    return this.breakers.list(env, query);
  }

  @ApiRoute(API_ROUTES.listChanges)
  changes(
    @Param('env', envParam) env: string,
    @Query(new ZodPipe(changesQuerySchema, 'query')) query: z.infer<typeof changesQuerySchema>,
  ): Promise<ChangesResponse> {
    return this.breakers.changesSince(env, query.since);
  }

  @ApiRoute(API_ROUTES.getBreaker)
  async get(
    @Param('env', envParam) environment: string,
    @Param('service', serviceParam) service: string,
    @Param('name', nameParam) name: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Breaker> {
    const breaker = await this.breakers.get({ environment, service, name });
    res.setHeader('ETag', `"${breaker.version}"`);
    return breaker;
  }

  @ApiRoute(API_ROUTES.putBreaker)
  async put(
    @CurrentActor() actor: Actor,
    @Param('env', envParam) environment: string,
    @Param('service', serviceParam) service: string,
    @Param('name', nameParam) name: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(putBreakerRequestSchema)) body: z.infer<typeof putBreakerRequestSchema>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Breaker> {
    const { message, template, overrides, metadata } = body;
    const content = template ? { template, overrides, metadata } : { overrides, metadata };
    const key: BreakerKey = { environment, service, name };
    const result = await this.breakers.put(actor, key, content, message, parseIfMatch(ifMatch));
    res.status(result.outcome === 'created' ? 201 : 200);
    res.setHeader('ETag', `"${result.breaker.version}"`);
    return result.breaker;
  }

  @ApiRoute(API_ROUTES.deleteBreaker)
  delete(
    @CurrentActor() actor: Actor,
    @Param('env', envParam) environment: string,
    @Param('service', serviceParam) service: string,
    @Param('name', nameParam) name: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.breakers.delete(actor, { environment, service, name }, parseIfMatch(ifMatch));
  }

  @ApiRoute(API_ROUTES.listVersions)
  async versions(
    @Param('env', envParam) environment: string,
    @Param('service', serviceParam) service: string,
    @Param('name', nameParam) name: string,
  ): Promise<{ items: BreakerVersion[] }> {
    return { items: await this.breakers.versions({ environment, service, name }) };
  }

  @ApiRoute(API_ROUTES.getVersion)
  version(
    @Param('env', envParam) environment: string,
    @Param('service', serviceParam) service: string,
    @Param('name', nameParam) name: string,
    @Param('version', new ZodPipe(versionParamSchema, 'path parameter version')) version: number,
  ): Promise<BreakerVersion> {
    return this.breakers.version({ environment, service, name }, version);
  }

  @ApiRoute(API_ROUTES.diffVersions)
  diff(
    @Param('env', envParam) environment: string,
    @Param('service', serviceParam) service: string,
    @Param('name', nameParam) name: string,
    @Query(new ZodPipe(diffQuerySchema, 'query')) query: z.infer<typeof diffQuerySchema>,
  ): Promise<BreakerDiff> {
    return this.breakers.diff({ environment, service, name }, query.from, query.to);
  }

  @ApiRoute(API_ROUTES.rollback)
  async rollback(
    @CurrentActor() actor: Actor,
    @Param('env', envParam) environment: string,
    @Param('service', serviceParam) service: string,
    @Param('name', nameParam) name: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(rollbackRequestSchema)) body: RollbackRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Breaker> {
    const result = await this.breakers.rollback(
      actor,
      { environment, service, name },
      body.version,
      body.message,
      parseIfMatch(ifMatch),
    );
    res.setHeader('ETag', `"${result.breaker.version}"`);
    return result.breaker;
  }

  @ApiRoute(API_ROUTES.exportEnvironment)
  async export(@Param('env', envParam) env: string, @Res() res: Response): Promise<void> {
    const yaml = await this.importExport.export(env);
    res
      .status(200)
      .type('application/yaml; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="breakwater-${env}.yaml"`)
      .send(yaml);
  }

  @ApiRoute(API_ROUTES.importEnvironment)
  import(
    @CurrentActor() actor: Actor,
    @Param('env', envParam) env: string,
    @Query(new ZodPipe(importQuerySchema, 'query')) query: z.infer<typeof importQuerySchema>,
    @Body() body: unknown,
  ): Promise<ImportResult> {
    if (typeof body !== 'string' || body.trim() === '')
      throw BreakerConfigError.invalid([
        {
          path: '(body)',
          rule: 'yaml',
          message: '(body): send the YAML documents with Content-Type: application/yaml',
        },
      ]);
    return this.importExport.import(actor, env, body, query.dryRun === 'true');
  }
}
