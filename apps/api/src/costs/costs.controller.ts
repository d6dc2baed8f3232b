import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Authorized } from '../access/authorized.decorator.js';
import { Org, type OrgContext } from '../common/request-context.js';
import { CostsService } from './costs.service.js';
import {
  BudgetsInputDto,
  CostEntryDto,
  CostEntryInputDto,
  CostEntryPatchDto,
  CostsDto,
  EstimatesInputDto,
  ExportQueryDto,
  ProjectionDto,
} from './dto/costs.dto.js';
import { ExportService } from './export.service.js';

@ApiTags('costs')
@Controller('orgs/:orgId/projects/:projectId')
export class CostsController {
  constructor(private readonly costs: CostsService) {}

  @Get('costs')
  @Authorized('projects.read')
  @ApiOkResponse({ type: CostsDto, description: 'Budgets, estimates and cost entries' })
  get(@Org() org: OrgContext, @Param('projectId') id: string): Promise<CostsDto> {
    return this.costs.get(org, id);
  }

  @Patch('budgets')
  @Authorized('costs.write')
  @ApiOkResponse({ type: CostsDto })
  budgets(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Body() dto: BudgetsInputDto,
  ): Promise<CostsDto> {
    return this.costs.setBudgets(org, id, dto);
  }

  @Put('estimates')
  @Authorized('costs.write')
  @ApiOkResponse({ type: CostsDto })
  estimates(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Body() dto: EstimatesInputDto,
  ): Promise<CostsDto> {
    return this.costs.setEstimates(org, id, dto);
  }

  @Post('costs')
  @Authorized('costs.write')
  @ApiCreatedResponse({ type: CostEntryDto })
  add(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Body() dto: CostEntryInputDto,
  ): Promise<CostEntryDto> {
    return this.costs.addEntry(org, id, dto);
  }

  @Patch('costs/:costId')
  @Authorized('costs.write')
  @ApiOkResponse({ type: CostEntryDto })
  update(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Param('costId') costId: string,
    @Body() dto: CostEntryPatchDto,
  ): Promise<CostEntryDto> {
    return this.costs.updateEntry(org, id, costId, dto);
  }

  @Delete('costs/:costId')
  @Authorized('costs.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @Org() org: OrgContext,
    @Param('projectId') id: string,
    @Param('costId') costId: string,
  ): Promise<void> {
    return this.costs.deleteEntry(org, id, costId);
  }

  @Get('projection')
  @Authorized('projects.read')
  @ApiOkResponse({
    type: ProjectionDto,
    description: 'Benchmark and bottom-up bands, multiple, burn, value check',
  })
  projection(@Org() org: OrgContext, @Param('projectId') id: string): Promise<ProjectionDto> {
    return this.costs.projection(org, id);
  }
}

function exportFilter(q: ExportQueryDto) {
  return {
    stages: q.stage?.split(','),
    businessUnit: q.businessUnit,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(`${q.to}T00:00:00Z`) : undefined,
  };
}

function attachment(res: Response, type: string, ext: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="gapline-costs-${new Date().toISOString().slice(0, 10)}.${ext}"`,
  );
  res.setHeader('Cache-Control', 'no-store');
}

@ApiTags('costs')
@Controller('orgs/:orgId/exports')
export class ExportsController {
  constructor(private readonly exports: ExportService) {}

  @Get('costs.csv')
  @Authorized('exports.read')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per project with monthly actuals (streamed)' })
  async csv(@Org() org: OrgContext, @Query() q: ExportQueryDto, @Res() res: Response): Promise<void> {
    attachment(res, 'text/csv; charset=utf-8', 'csv');
    await this.exports.csv(org.orgId, exportFilter(q), res);
  }

  @Get('costs.xlsx')
  @Authorized('exports.read')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Projects sheet and monthly actuals sheet (streamed)' })
  async xlsx(@Org() org: OrgContext, @Query() q: ExportQueryDto, @Res() res: Response): Promise<void> {
    attachment(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx');
    await this.exports.xlsx(org.orgId, exportFilter(q), res);
  }
}
