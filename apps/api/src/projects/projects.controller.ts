import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Authorized } from '../access/authorized.decorator.js';
import { Org, type OrgContext } from '../common/request-context.js';
import { ChecklistService } from './checklist.service.js';
import {
  BulkUpdateDto,
  CapabilityDto,
  ChecklistChangeDto,
  ChecklistDto,
  CreateCapabilityDto,
  EvidenceDto,
  EvidenceInputDto,
  ItemPatchDto,
  ReadinessPointDto,
  UpdateCapabilityDto,
} from './dto/checklist.dto.js';
import {
  CreateProjectDto,
  ProjectDto,
  ProjectPageDto,
  ProjectQueryDto,
  TransitionDto,
  TransitionRequestDto,
  UpdateProjectDto,
} from './dto/projects.dto.js';
import { SettingsDto, UpdateSettingsDto } from './dto/settings.dto.js';
import { ProjectsService } from './projects.service.js';
import { SettingsService } from './settings.service.js';

export class HistoryQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 730, default: 180 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(730)
  days?: number;
}

export class CapabilityQueryDto {
  @ApiPropertyOptional({ description: 'Include retired capabilities' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'includeRetired must be true or false' })
  includeRetired?: 'true' | 'false';
}

class RefusalDto {
  @ApiProperty() message: string;
}

@ApiTags('projects')
@Controller('orgs/:orgId/projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly checklist: ChecklistService,
  ) {}

  @Get()
  @Authorized('projects.read')
  @ApiOkResponse({ type: ProjectPageDto })
  list(@Org() org: OrgContext, @Query() q: ProjectQueryDto): Promise<ProjectPageDto> {
    return this.projects.list(org, q);
  }

  @Post()
  @Authorized('projects.create')
  @ApiCreatedResponse({ type: ProjectDto })
  create(@Org() org: OrgContext, @Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(org, dto);
  }

  @Get(':projectId')
  @Authorized('projects.read')
  @ApiOkResponse({ type: ProjectDto })
  get(@Org() org: OrgContext, @Param('projectId') id: string): Promise<ProjectDto> {
    return this.projects.get(org, id);
  }

  @Patch(':projectId')
  @Authorized('projects.edit')
  @ApiOkResponse({ type: ProjectDto })
  update(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<ProjectDto> {
    return this.projects.update(org, id, dto);
  }

  @Delete(':projectId')
  @Authorized('projects.edit')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Archived (an admin can restore it)' })
  archive(@Org() org: OrgContext, @Param('projectId') id: string): Promise<void> {
    return this.projects.archive(org, id);
  }

  @Post(':projectId/restore')
  @Authorized('projects.restore')
  @HttpCode(200)
  @ApiOkResponse({ type: ProjectDto })
  restore(@Org() org: OrgContext, @Param('projectId') id: string): Promise<ProjectDto> {
    return this.projects.restore(org, id);
  }

  @Get(':projectId/transitions')
  @Authorized('projects.read')
  @ApiOkResponse({ type: [TransitionDto], description: 'Stage history, oldest first' })
  transitions(@Org() org: OrgContext, @Param('projectId') id: string): Promise<TransitionDto[]> {
    return this.projects.transitions(org, id);
  }

  @Post(':projectId/transitions')
  @Authorized('projects.edit')
  @HttpCode(200)
  @ApiOkResponse({ type: ProjectDto })
  @ApiResponse({ status: 422, type: RefusalDto, description: 'The move is refused; the message says why' })
  transition(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Body() dto: TransitionRequestDto,
  ): Promise<ProjectDto> {
    return this.projects.transition(org, id, dto);
  }

  @Get(':projectId/checklist')
  @Authorized('projects.read')
  @ApiOkResponse({ type: ChecklistDto, description: 'The whole checklist with readiness, in one round trip' })
  getChecklist(@Org() org: OrgContext, @Param('projectId') id: string): Promise<ChecklistDto> {
    return this.checklist.get(org, id);
  }

  @Patch(':projectId/checklist')
  @Authorized('projects.edit')
  @ApiOkResponse({ type: ChecklistDto, description: 'All items or none' })
  bulkUpdate(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Body() dto: BulkUpdateDto,
  ): Promise<ChecklistDto> {
    return this.checklist.bulk(org, id, dto.items);
  }

  @Patch(':projectId/checklist/:capabilityKey')
  @Authorized('projects.edit')
  @ApiOkResponse({ type: ChecklistDto })
  updateItem(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Param('capabilityKey') key: string,
    @Body() dto: ItemPatchDto,
  ): Promise<ChecklistDto> {
    return this.checklist.update(org, id, key, dto);
  }

  @Post(':projectId/checklist/:capabilityKey/evidence')
  @Authorized('projects.edit')
  @ApiCreatedResponse({ type: EvidenceDto })
  addEvidence(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Param('capabilityKey') key: string,
    @Body() dto: EvidenceInputDto,
  ): Promise<EvidenceDto> {
    return this.checklist.addEvidence(org, id, key, dto);
  }

  @Get(':projectId/checklist/:capabilityKey/history')
  @Authorized('projects.read')
  @ApiOkResponse({ type: [ChecklistChangeDto], description: 'Newest first' })
  itemHistory(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Param('capabilityKey') key: string,
  ): Promise<ChecklistChangeDto[]> {
    return this.checklist.history(org, id, key);
  }

  @Get(':projectId/readiness-history')
  @Authorized('projects.read')
  @ApiOkResponse({ type: [ReadinessPointDto], description: 'Readiness snapshots, oldest first' })
  readinessHistory(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Query() q: HistoryQueryDto,
  ): Promise<ReadinessPointDto[]> {
    return this.checklist.readinessHistory(org, id, q.days ?? 180);
  }
}

@ApiTags('settings')
@Controller('orgs/:orgId')
export class SettingsController {
  constructor(
    private readonly settings: SettingsService,
    private readonly checklist: ChecklistService,
  ) {}

  @Get('settings')
  @Authorized('org.read')
  @ApiOkResponse({ type: SettingsDto })
  get(@Org() org: OrgContext): Promise<SettingsDto> {
    return this.settings.get(org.orgId);
  }

  @Patch('settings')
  @Authorized('org.manage')
  @ApiOkResponse({ type: SettingsDto })
  update(@Org() org: OrgContext, @Body() dto: UpdateSettingsDto): Promise<SettingsDto> {
    return this.settings.update(org, dto);
  }

  @Get('capabilities')
  @Authorized('projects.read')
  @ApiOkResponse({ type: [CapabilityDto], description: 'The checklist template' })
  capabilities(@Org() org: OrgContext, @Query() q: CapabilityQueryDto): Promise<CapabilityDto[]> {
    return this.checklist.capabilities(org.orgId, q.includeRetired === 'true');
  }

  @Post('capabilities')
  @Authorized('capabilities.manage')
  @ApiCreatedResponse({ type: CapabilityDto })
  createCapability(@Org() org: OrgContext, @Body() dto: CreateCapabilityDto): Promise<CapabilityDto> {
    return this.checklist.createCapability(org, dto);
  }

  @Patch('capabilities/:capabilityKey')
  @Authorized('capabilities.manage')
  @ApiOkResponse({ type: CapabilityDto })
  updateCapability(
    @Org() org: OrgContext,
    @Param('capabilityKey') key: string,
    @Body() dto: UpdateCapabilityDto,
  ): Promise<CapabilityDto> {
    return this.checklist.updateCapability(org, key, dto);
  }
}
