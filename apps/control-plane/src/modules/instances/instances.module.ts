import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module.js';
import { InstancesController } from './instances.controller.js';
import { InstancesService } from './instances.service.js';

/** The registry of SDK instances: who is connected, what each runs, drift per breaker, expiry. */
@Module({ imports: [SyncModule], controllers: [InstancesController], providers: [InstancesService] })
export class InstancesModule {}
