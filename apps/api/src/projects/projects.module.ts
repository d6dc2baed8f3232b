import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ChecklistRepository } from './checklist.repository.js';
import { ChecklistService } from './checklist.service.js';
import { ProjectsController, SettingsController } from './projects.controller.js';
import { ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';
import { SettingsRepository } from './settings.repository.js';
import { SettingsService } from './settings.service.js';

@Module({
  imports: [OrgsModule],
  controllers: [ProjectsController, SettingsController],
  providers: [
    ProjectsRepository,
    ChecklistRepository,
    SettingsRepository,
    ProjectsService,
    ChecklistService,
    SettingsService,
  ],
  exports: [ProjectsService, ProjectsRepository, SettingsRepository, ChecklistRepository, ChecklistService],
})
export class ProjectsModule {}
