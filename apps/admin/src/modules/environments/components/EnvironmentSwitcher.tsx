import { Select } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { rememberEnvironment, useCurrentEnvironment, useEnvironments } from '../api/environments.api';

/**
 * The environment every page works in: part of the URL (`/env/production/...`), so switching keeps the page
 * and a shared link opens the same environment.
 */
export function EnvironmentSwitcher() {
  const environments = useEnvironments();
  const current = useCurrentEnvironment();
  const location = useLocation();
  const navigate = useNavigate();

  const onChange = (next: string | null) => {
    if (!next) return;
    rememberEnvironment(next);
    // Stay on the same kind of page; a breaker of one environment may not exist in another, so go up to its service.
    const match = /^\/env\/[^/]+(\/services(?:\/[^/]+)?|\/fleet)?/.exec(location.pathname);
    const rest = match?.[1] ?? '/services';
    void navigate(`/env/${encodeURIComponent(next)}${rest}`);
  };

  return (
    <Select
      aria-label="Environment"
      placeholder={environments.isPending ? 'Loading…' : 'Environment'}
      data={(environments.data ?? []).map((e) => e.name)}
      value={current && environments.data?.some((e) => e.name === current) ? current : null}
      onChange={onChange}
      allowDeselect={false}
      w={170}
      size="sm"
      error={environments.isError ? 'unavailable' : undefined}
      data-testid="environment-switcher"
    />
  );
}
