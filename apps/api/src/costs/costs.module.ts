import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CostsController, ExportsController } from './costs.controller.js';
import { CostsRepository } from './costs.repository.js';
import { CostsService } from './costs.service.js';
import { ExportService } from './export.service.js';

@Module({
  imports: [OrgsModule, ProjectsModule],
  controllers: [CostsController, ExportsController],
  providers: [CostsRepository, CostsService, ExportService],
  exports: [CostsService, CostsRepository],
})
export class CostsModule {}
