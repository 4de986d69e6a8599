import { API_ERROR_SCHEMA, API_ROUTES, type ApiRouteDef } from '@breakwater/contracts';
import type { INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { APP_VERSION } from '../config/app-version.js';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function queryParameters(schema: z.ZodType): unknown[] {
  const json = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

function describeAccess(route: ApiRouteDef): string {
  const { access } = route;
  if ('public' in access) return 'Public.';
  if ('session' in access) return 'Any signed-in user or admin key.';
  return `Role ${access.minRole} or higher${access.sdk ? "; also SDK keys of this route's environment" : ''}.`;
}

/** The OpenAPI 3.1 document, generated from the contracts route list and its zod schemas. */
export function openApiDocument(): OpenAPIObject {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(API_ROUTES) as Array<[string, ApiRouteDef]>) {
    const path = `/api/v1${route.path}`;
    const parameters: unknown[] = [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (route.query) parameters.push(...queryParameters(route.query));
    const success = {
      description: 'Success',
      ...(route.response
        ? { content: { 'application/json': { schema: jsonSchema(route.response) } } }
        : route.responseContentType
          ? { content: { [route.responseContentType]: { schema: { type: 'string' } } } }
          : {}),
    };
    const responses: Record<string, unknown> = {
      [route.status]: success,
      ...(route.createdStatus ? { [route.createdStatus]: { ...success, description: 'Created' } } : {}),
      default: { description: 'Error', content: { 'application/json': { schema: jsonSchema(API_ERROR_SCHEMA) } } },
    };
    const operation: Record<string, unknown> = {
      operationId,
      summary: route.summary,
      description: describeAccess(route),
      tags: [route.tag],
      parameters,
      responses,
      security: 'public' in route.access ? [] : [{ session: [] }, { apiKey: [] }],
    };
    if (route.body)
      operation['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body) } },
      };
    if (route.bodyContentType)
      operation['requestBody'] = {
        required: true,
        content: { [route.bodyContentType]: { schema: { type: 'string' } } },
      };
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Breakwater control plane',
      version: APP_VERSION,
      description:
        'Versioned circuit-breaker configs, environments, services, audit log, users and API keys. Errors use the envelope {code, message, details?, errorId?}.',
    },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'bw_session' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'bw_sdk_... or bw_adm_... API key' },
      },
    },
  };
}

/** Serves the document at /api/docs (Swagger UI) and /api/docs-json; both are public. */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, openApiDocument(), { jsonDocumentUrl: 'api/docs-json' });
}
