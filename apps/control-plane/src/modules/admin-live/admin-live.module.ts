import { Module } from '@nestjs/common';
import { AdminLiveGateway } from './admin-live.gateway.js';

/** Live invalidation events for the admin UI over socket.io (namespace /admin). */
@Module({ providers: [AdminLiveGateway] })
export class AdminLiveModule {}
