import { Badge, Tooltip } from '@mantine/core';
import { useLiveStatus } from '../api/live';

/** "Live" while changes are pushed to this page; "Reconnecting" while the page falls back to slow refreshes. */
export function LiveIndicator() {
  const status = useLiveStatus();
  if (status === 'off') return null;
  const live = status === 'live';
  return (
    <Tooltip
      label={live ? 'Changes appear as they happen' : 'Live updates paused; refreshing every 30 s while reconnecting'}
    >
      <Badge
        color={live ? 'green' : 'orange'}
        variant="dot"
        data-testid="live-indicator"
        data-status={status}
        role="status"
        aria-live="polite"
      >
        {live ? 'Live' : 'Reconnecting'}
      </Badge>
    </Tooltip>
  );
}
