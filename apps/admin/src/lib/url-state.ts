import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Page state kept in the query string (filters, tabs, selections), so any view can be shared by its URL and
 * survives a reload. Setting a value to '' or undefined removes it.
 */
export function useUrlState<K extends string>(
  keys: readonly K[],
): [Record<K, string>, (patch: Partial<Record<K, string | undefined>>) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>;
  const update = useCallback(
    (patch: Partial<Record<K, string | undefined>>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries<string | undefined>(patch)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [values, update];
}
