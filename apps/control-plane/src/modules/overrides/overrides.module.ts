import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module.js';
import { OverridesController } from './overrides.controller.js';
import { OverridesService } from './overrides.service.js';

/** Fleet-wide overrides of one breaker of a service (editors): force open, force close, reset; cleared explicitly. */
@Module({ imports: [SyncModule], controllers: [OverridesController], providers: [OverridesService] })
export class OverridesModule {}
