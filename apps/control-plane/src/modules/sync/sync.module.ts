import { Module } from '@nestjs/common';
import { InstancesRepository } from '../instances/instances.repository.js';
import { OverridesRepository } from '../overrides/overrides.repository.js';
import { SyncConfigSource } from './sync-config-source.js';
import { SyncGateway } from './sync.gateway.js';

/** Live config sync with SDKs over socket.io (namespace /sdk). */
@Module({
  providers: [SyncGateway, SyncConfigSource, InstancesRepository, OverridesRepository],
  exports: [SyncGateway, InstancesRepository, OverridesRepository],
})
export class SyncModule {}
