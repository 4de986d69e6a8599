import { Initial1764300000000 } from './1764300000000-initial.js';
import { ControlPlane1764400000000 } from './1764400000000-control-plane.js';
import { LiveSync1764500000000 } from './1764500000000-live-sync.js';
import { OverrideAuditResource1764600000000 } from './1764600000000-override-audit-resource.js';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const migrations = [
  Initial1764300000000,
  ControlPlane1764400000000,
  LiveSync1764500000000,
  OverrideAuditResource1764600000000,
];
