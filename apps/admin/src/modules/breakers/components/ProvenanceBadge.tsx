import type { ValueSource } from '@breakwater/contracts';
import { Badge, Tooltip } from '@mantine/core';

const COLORS: Record<ValueSource, string> = {
  default: 'gray',
  template: 'blue',
  environment: 'grape',
  override: 'orange',
};

const EXPLAIN: Record<ValueSource, string> = {
  default: 'Built-in default: no template, environment or override sets it',
  template: 'From the template',
  environment: "From the environment's defaults",
  override: "Set by this breaker's own config",
};

/** Where an effective value comes from: default, template, environment or override. */
export function ProvenanceBadge({ source, testId }: { source: ValueSource | undefined; testId?: string }) {
  if (!source) return null;
  return (
    <Tooltip label={EXPLAIN[source]} withArrow>
      <Badge
        size="xs"
        variant="light"
        color={COLORS[source]}
        data-testid={testId}
        component="span"
        tt="none"
        style={{ flexShrink: 0, overflow: 'visible' }}
      >
        {source}
      </Badge>
    </Tooltip>
  );
}
