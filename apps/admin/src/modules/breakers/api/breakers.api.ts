import type { Breaker, BreakerVersion, FieldError } from '@breakwater/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, fieldErrorsOf, type ApiBody, type ApiQuery } from '../../../lib/api-client';
import { useLiveRefetchInterval } from '../../live/api/live';
import type { BreakerDraft } from '../model/breaker-draft';

export interface BreakerRef {
  env: string;
  service: string;
  name: string;
}

const breakerKey = (ref: BreakerRef) => ['breakers', ref.env, ref.service, ref.name] as const;

export function useBreakers(env: string, query: ApiQuery<'listBreakers'>) {
  return useQuery({
    queryKey: ['breakers', env, 'list', query],
    queryFn: async () => (await callApi('listBreakers', { params: { env }, query })).data,
    placeholderData: keepPreviousData,
    refetchInterval: useLiveRefetchInterval(),
  });
}

export function useBreaker(ref: BreakerRef, enabled = true) {
  return useQuery({
    queryKey: breakerKey(ref),
    queryFn: async () => (await callApi('getBreaker', { params: { ...ref } })).data,
    enabled,
    refetchInterval: useLiveRefetchInterval(),
  });
}

/** The current state of a breaker, fetched fresh (after a 409, to show what changed meanwhile). */
export async function fetchBreaker(ref: BreakerRef): Promise<Breaker> {
  return (await callApi('getBreaker', { params: { ...ref } })).data;
}

export function useVersions(ref: BreakerRef, enabled = true) {
  return useQuery({
    queryKey: [...breakerKey(ref), 'versions'],
    queryFn: async () => (await callApi('listVersions', { params: { ...ref } })).data.items,
    enabled,
  });
}

export function useVersion(ref: BreakerRef, version: number | undefined) {
  return useQuery({
    queryKey: [...breakerKey(ref), 'versions', version],
    queryFn: async (): Promise<BreakerVersion> =>
      (await callApi('getVersion', { params: { ...ref, version: version ?? 0 } })).data,
    enabled: version !== undefined,
    staleTime: Infinity, // versions never change
  });
}

export function useVersionDiff(ref: BreakerRef, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: [...breakerKey(ref), 'diff', from, to],
    queryFn: async () => (await callApi('diffVersions', { params: { ...ref }, query: { from, to } })).data,
    enabled: from !== undefined && to !== undefined,
    staleTime: Infinity,
  });
}

export function draftOf(source: Pick<Breaker, 'name' | 'template' | 'overrides' | 'metadata'>): BreakerDraft {
  return {
    name: source.name,
    template: source.template,
    overrides: structuredClone(source.overrides),
    metadata: structuredClone(source.metadata),
  };
}

export interface SaveInput {
  draft: BreakerDraft;
  message: string;
  /** The version the edit started from; absent when creating. */
  ifMatch?: number | undefined;
}

export function useSaveBreaker(env: string, service: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ draft, message, ifMatch }: SaveInput) => {
      const body: ApiBody<'putBreaker'> = {
        template: draft.template,
        overrides: draft.overrides,
        metadata: draft.metadata,
        message: message || undefined,
      };
      const headers: Record<string, string> = ifMatch !== undefined ? { 'If-Match': String(ifMatch) } : {};
      return (await callApi('putBreaker', { params: { env, service, name: draft.name }, body, headers })).data;
    },
    onSuccess: async (saved) => {
      client.setQueryData(breakerKey({ env, service, name: saved.name }), saved);
      await client.invalidateQueries({ queryKey: ['breakers', env] });
    },
  });
}

export function useRollback(ref: BreakerRef) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiBody<'rollback'>) => (await callApi('rollback', { params: { ...ref }, body })).data,
    onSuccess: async (saved) => {
      client.setQueryData(breakerKey(ref), saved);
      await client.invalidateQueries({ queryKey: ['breakers', ref.env] });
    },
  });
}

/** The server's field errors of a PUT, with request-body paths turned into the editor's config paths. */
export function editorFieldErrors(error: unknown): FieldError[] {
  return fieldErrorsOf(error).map((e) => {
    const path = e.path.startsWith('overrides.')
      ? e.path.slice('overrides.'.length)
      : e.path === 'template'
        ? 'metadata.template'
        : e.path;
    const message = e.message.startsWith(`${e.path}:`) ? `${path}:${e.message.slice(e.path.length + 1)}` : e.message;
    return { ...e, path, message };
  });
}
