import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, Authorized, Public } from '../access/authorized.decorator.js';
import { type Actor, CurrentActor, Org, type OrgContext } from '../common/request-context.js';
import {
  AcceptedInvitationDto,
  ChangeRoleDto,
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
  InvitationTokenDto,
  MemberDto,
  OrganizationDto,
  UpdateOrganizationDto,
} from './dto/orgs.dto.js';
import { InvitationsService } from './invitations.service.js';
import { MembersService } from './members.service.js';
import { OrgsService } from './orgs.service.js';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('organizations')
@Controller('orgs/:orgId')
export class OrgsController {
  constructor(
    private readonly orgs: OrgsService,
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @Authorized('org.read')
  @ApiOkResponse({ type: OrganizationDto })
  get(@Org() org: OrgContext): Promise<OrganizationDto> {
    return this.orgs.get(org.orgId);
  }

  @Patch()
  @Authorized('org.manage')
  @ApiOkResponse({ type: OrganizationDto })
  update(@Org() org: OrgContext, @Body() dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.orgs.update(org.orgId, org.actor, dto);
  }

  @Get('members')
  @Authorized('members.read')
  @ApiOkResponse({ type: [MemberDto] })
  listMembers(@Org() org: OrgContext): Promise<MemberDto[]> {
    return this.members.list(org.orgId);
  }

  @Patch('members/:userId')
  @Authorized('members.manage')
  @ApiOkResponse({ type: MemberDto })
  @ApiResponse({ status: 409, description: 'Would leave the organisation without an admin' })
  changeRole(
    @Org() org: OrgContext,
    @Param('userId', uuid) userId: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<MemberDto> {
    return this.members.changeRole(org.orgId, org.actor, userId, dto.role);
  }

  @Delete('members/:userId')
  @Authorized('members.manage')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiResponse({ status: 409, description: 'Would leave the organisation without an admin' })
  removeMember(@Org() org: OrgContext, @Param('userId', uuid) userId: string): Promise<void> {
    return this.members.remove(org.orgId, org.actor, userId);
  }

  @Get('invitations')
  @Authorized('members.manage')
  @ApiOkResponse({ type: [InvitationDto], description: 'Open invitations' })
  listInvitations(@Org() org: OrgContext): Promise<InvitationDto[]> {
    return this.invitations.list(org.orgId);
  }

  @Post('invitations')
  @Authorized('members.manage')
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiResponse({ status: 409, description: 'Already a member' })
  invite(@Org() org: OrgContext, @Body() dto: CreateInvitationDto): Promise<CreatedInvitationDto> {
    return this.invitations.create(org.orgId, org.actor, dto);
  }

  @Delete('invitations/:invitationId')
  @Authorized('members.manage')
  @HttpCode(204)
  @ApiNoContentResponse()
  revokeInvitation(@Org() org: OrgContext, @Param('invitationId', uuid) id: string): Promise<void> {
    return this.invitations.revoke(org.orgId, org.actor, id);
  }
}

/** Invitation links are used before the invitee belongs to the organisation, so they live outside it. */
@ApiTags('organizations')
@Controller('invitations')
export class InvitationLinksController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('preview')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiResponse({ status: 404, description: 'Unknown link' })
  @ApiResponse({ status: 410, description: 'Used, revoked or expired' })
  preview(@Body() dto: InvitationTokenDto): Promise<InvitationPreviewDto> {
    return this.invitations.preview(dto.token);
  }

  @Post('accept')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedInvitationDto })
  @ApiResponse({ status: 409, description: 'Sent to another address, or already a member' })
  @ApiResponse({ status: 410, description: 'Used, revoked or expired' })
  accept(@CurrentActor() actor: Actor, @Body() dto: InvitationTokenDto): Promise<AcceptedInvitationDto> {
    return this.invitations.accept(dto.token, actor, actor.label);
  }
}
