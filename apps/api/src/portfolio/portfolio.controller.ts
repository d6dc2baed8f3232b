import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../access/authorized.decorator.js';
import { Org, type OrgContext } from '../common/request-context.js';
import { PortfolioDto, PortfolioQueryDto, TrendPointDto, TrendsQueryDto } from './dto/portfolio.dto.js';
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

  @Get('trends')
  @Authorized('projects.read')
  @ApiOkResponse({
    type: [TrendPointDto],
    description: 'Weekly points from daily snapshots, oldest first, this week live',
  })
  trends(@Org() org: OrgContext, @Query() q: TrendsQueryDto): Promise<TrendPointDto[]> {
    return this.portfolio.trends(org.orgId, q.weeks ?? 26);
  }
}
