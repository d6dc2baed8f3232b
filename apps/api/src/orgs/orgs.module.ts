import { Module } from '@nestjs/common';
import { InvitationsService } from './invitations.service.js';
import { MembersService } from './members.service.js';
import { InvitationLinksController, OrgsController } from './orgs.controller.js';
import { OrgsRepository } from './orgs.repository.js';
import { OrgsService } from './orgs.service.js';

@Module({
  controllers: [OrgsController, InvitationLinksController],
  providers: [OrgsRepository, OrgsService, MembersService, InvitationsService],
  exports: [OrgsRepository, MembersService, InvitationsService],
})
export class OrgsModule {}
