import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Branch } from './branch.entity';
import { DirectoryService } from './directory.service';
import { Organization } from './organization.entity';
import { TeamMembership } from './team-membership.entity';
import { Team } from './team.entity';
import { TenancyService } from './tenancy.service';
import { User } from './user.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Organization, Branch, Team, TeamMembership, User])],
  providers: [TenancyService, DirectoryService],
  exports: [TenancyService, DirectoryService],
})
export class TenancyModule {}
