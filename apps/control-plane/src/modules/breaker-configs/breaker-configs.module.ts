import { Module } from '@nestjs/common';
import { EnvironmentsModule } from '../environments/environments.module.js';
import { ServicesModule } from '../services/services.module.js';
import { BreakerConfigsController } from './breaker-configs.controller.js';
import { BreakerConfigsService } from './breaker-configs.service.js';
import { ImportExportService } from './import-export.service.js';
import { BreakerConfigsRepository } from './persistence/breaker-configs.repository.js';

@Module({
  imports: [EnvironmentsModule, ServicesModule],
  controllers: [BreakerConfigsController],
  providers: [BreakerConfigsRepository, BreakerConfigsService, ImportExportService],
  exports: [BreakerConfigsService],
})
export class BreakerConfigsModule {}
