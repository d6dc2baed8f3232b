import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../access/authorized.decorator.js';
import { Org, type OrgContext } from '../common/request-context.js';
import { PortfolioDto, PortfolioQueryDto } from './dto/portfolio.dto.js';
import { PortfolioService } from './portfolio.service.js';

@ApiTags('portfolio')
@Controller('orgs/:orgId/portfolio')
export class PortfolioController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get()
  @Authorized('projects.read')
  @ApiOkResponse({ type: PortfolioDto, description: 'Portfolio summary for heads of AI' })
  get(@Org() org: OrgContext, @Query() q: PortfolioQueryDto): Promise<PortfolioDto> {
    return this.portfolio.get(org.orgId, q);
  }
}
