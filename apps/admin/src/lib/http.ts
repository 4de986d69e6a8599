import { errorEnvelopeSchema, type ErrorEnvelope } from '@breakwater/contracts';
import type { z } from 'zod';

/** An HTTP answer that was not what the caller asked for, with the server's error envelope when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly envelope: ErrorEnvelope,
  ) {
    super(envelope.message);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.envelope.code;
  }

  static from(response: Response, body: unknown): ApiError {
    const envelope = errorEnvelopeSchema.safeParse(body);
    return new ApiError(
      response.status,
      envelope.success
        ? envelope.data
        : { code: `HTTP_${response.status}`, message: response.statusText || `Request failed (${response.status})` },
    );
  }
}

export interface RequestOptions<S extends z.ZodType> {
  schema: S;
  /** Statuses whose body is still a valid answer of `schema` (e.g. 503 from the readiness check). */
  acceptStatuses?: number[];
  init?: RequestInit;
}

/** Fetches JSON and validates it with a contracts schema, so the UI never renders a shape it does not know. */
export async function requestJson<S extends z.ZodType>(path: string, options: RequestOptions<S>): Promise<z.infer<S>> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...options.init,
    headers: { Accept: 'application/json', ...options.init?.headers },
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok && !options.acceptStatuses?.includes(response.status)) throw ApiError.from(response, body);
  return options.schema.parse(body);
}
