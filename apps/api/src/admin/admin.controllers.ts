import { Body, Controller, Delete, Get, HttpCode, OnModuleInit, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { AuditService } from '@inbox/audit';
import { NotFoundError, ValidateLimit } from '@inbox/core';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind } from '@inbox/channels/contract';
import { EmailAccountsAdmin } from '@inbox/channels/email';
import { WhatsAppWebSessions } from '@inbox/channels/whatsapp';
import { Actor, Role, TenancyService } from '@inbox/tenancy';
import { ReplyTemplatesService, RoutingRulesService } from '@inbox/tickets';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import {
  BranchDto, CreateChannelAccountDto, CreateUserDto, ReplyTemplateDto, RoutingRuleDto, SetMembersDto, TeamDto, UpdateBranchDto, UpdateChannelAccountDto,
  UpdateReplyTemplateDto, UpdateRoutingRuleDto, UpdateTeamDto, UpdateUserDto,
} from './admin.dto';

const Id = () => Param('id', ParseUUIDPipe);

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/users')
export class UsersAdminController {
  constructor(private readonly tenancy: TenancyService) {}
  @Get() list(@CurrentActor() actor: Actor) { return this.tenancy.listUsers(actor); }
  @Post() create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) { return this.tenancy.createUser(actor, actor.organizationId, dto); }
  @Get(':id') get(@CurrentActor() actor: Actor, @Id() id: string) { return this.tenancy.getUser(actor, id); }
  @Patch(':id') update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateUserDto) { return this.tenancy.updateUser(actor, id, dto); }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/teams')
export class TeamsAdminController {
  constructor(private readonly tenancy: TenancyService) {}
  /** Everyone may read the teams (to assign and filter); only admins change them. */
  @Get() list(@CurrentActor() actor: Actor) { return this.tenancy.listTeams(actor); }
  @Roles(Role.Admin) @Post() create(@CurrentActor() actor: Actor, @Body() dto: TeamDto) { return this.tenancy.createTeam(actor, dto); }
  @Roles(Role.Admin) @Patch(':id') update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateTeamDto) { return this.tenancy.updateTeam(actor, id, dto); }
  @Roles(Role.Admin) @Delete(':id') @HttpCode(204) remove(@CurrentActor() actor: Actor, @Id() id: string) { return this.tenancy.deleteTeam(actor, id); }
  @Get(':id/members') members(@CurrentActor() actor: Actor, @Id() id: string) { return this.tenancy.listMembers(actor, id); }
  @Roles(Role.Admin) @Put(':id/members') setMembers(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: SetMembersDto) {
    return this.tenancy.setMembers(actor, id, dto.members);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/branches')
export class BranchesAdminController {
  constructor(private readonly tenancy: TenancyService) {}
  @Get() list(@CurrentActor() actor: Actor) { return this.tenancy.listBranches(actor); }
  @Roles(Role.Admin) @Post() create(@CurrentActor() actor: Actor, @Body() dto: BranchDto) { return this.tenancy.createBranch(actor, dto); }
  @Roles(Role.Admin) @Patch(':id') update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateBranchDto) { return this.tenancy.updateBranch(actor, id, dto); }
  @Roles(Role.Admin) @Delete(':id') @HttpCode(204) remove(@CurrentActor() actor: Actor, @Id() id: string) { return this.tenancy.deleteBranch(actor, id); }
}

const secretsFrom = (dto: { secrets?: object }) => (dto.secrets ? { ...dto.secrets } as Record<string, string> : undefined);

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/channel-accounts')
export class ChannelAccountsAdminController {
  constructor(private readonly accounts: ChannelAccountsService) {}
  @Get() list(@CurrentActor() actor: Actor) { return this.accounts.list(actor); }
  @Post() create(@CurrentActor() actor: Actor, @Body() dto: CreateChannelAccountDto) {
    return this.accounts.create(actor, actor.organizationId, { ...dto, settings: { ...dto.settings }, secrets: secretsFrom(dto) });
  }
  @Get(':id') get(@CurrentActor() actor: Actor, @Id() id: string) { return this.accounts.get(actor, id); }
  @Patch(':id') update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateChannelAccountDto) {
    return this.accounts.update(actor, id, { ...dto, settings: dto.settings ? { ...dto.settings } : undefined, secrets: secretsFrom(dto) });
  }
  @Post(':id/rotate-key') @HttpCode(200) rotate(@CurrentActor() actor: Actor, @Id() id: string) { return this.accounts.rotateApiKey(actor, id); }
  @Delete(':id') @HttpCode(204) remove(@CurrentActor() actor: Actor, @Id() id: string) { return this.accounts.remove(actor, id); }
}

/** The pairing and connection of WhatsApp Web numbers, for the admin page (the live updates come on the socket as channel.status). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/channel-accounts')
export class WhatsAppWebAdminController {
  constructor(private readonly accounts: ChannelAccountsService, private readonly sessions: WhatsAppWebSessions) {}

  @Get(':id/whatsapp-session')
  async session(@CurrentActor() actor: Actor, @Id() id: string) {
    const account = await this.accounts.get(actor, id);
    if (account.kind !== ChannelKind.WhatsAppWeb) throw new NotFoundError('whatsapp web channel account');
    return (await this.sessions.state(id)) ?? { state: 'starting', detail: null, qr: null, pairingCode: null, phone: null, updatedAt: account.createdAt };
  }
}

export class ParkedMailQueryDto {
  @ValidateLimit({ max: 200 }) limit?: number;
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/channel-accounts')
export class EmailAccountsAdminController implements OnModuleInit {
  private email: EmailAccountsAdmin;
  constructor(private readonly moduleRef: ModuleRef) {}
  // Built from the foundation's global providers, so the api process needs no email module of its own.
  async onModuleInit() { this.email = await this.moduleRef.create(EmailAccountsAdmin); }
  /** Logs in to IMAP and SMTP with the stored settings and says, in plain words, what failed. */
  @Post(':id/test-connection') @HttpCode(200) test(@CurrentActor() actor: Actor, @Id() id: string) { return this.email.testConnection(actor, id); }
  /** Mail the mailbox could not turn into messages, newest first, with the reason. */
  @Get(':id/parked-messages') parked(@CurrentActor() actor: Actor, @Id() id: string, @Query() query: ParkedMailQueryDto) {
    return this.email.parked(actor, id, query.limit ?? 50);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/routing-rules')
export class RoutingRulesAdminController {
  constructor(private readonly rules: RoutingRulesService) {}
  @Get() list(@CurrentActor() actor: Actor) { return this.rules.list(actor); }
  @Post() create(@CurrentActor() actor: Actor, @Body() dto: RoutingRuleDto) { return this.rules.create(actor, dto); }
  @Get(':id') get(@CurrentActor() actor: Actor, @Id() id: string) { return this.rules.get(actor, id); }
  @Patch(':id') update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateRoutingRuleDto) { return this.rules.update(actor, id, dto); }
  @Delete(':id') @HttpCode(204) remove(@CurrentActor() actor: Actor, @Id() id: string) { return this.rules.remove(actor, id); }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/templates')
export class ReplyTemplatesAdminController {
  constructor(private readonly templates: ReplyTemplatesService) {}
  @Get() list(@CurrentActor() actor: Actor) { return this.templates.list(actor); }
  @Post() create(@CurrentActor() actor: Actor, @Body() dto: ReplyTemplateDto) { return this.templates.create(actor, dto); }
  @Patch(':id') update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateReplyTemplateDto) { return this.templates.update(actor, id, dto); }
  @Delete(':id') @HttpCode(204) remove(@CurrentActor() actor: Actor, @Id() id: string) { return this.templates.remove(actor, id); }
}

export class AuditQueryDto {
  @ApiProperty({ required: false }) @IsOptional() @IsString() entityType?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() entityId?: string;
  @ApiProperty({ required: false }) @IsOptional() @Matches(/^\d{1,19}$/) before?: string;
  @ValidateLimit({ max: 200 }) limit?: number;
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/audit-events')
export class AuditAdminController {
  constructor(private readonly audit: AuditService) {}
  /** Confidential cases' access history belongs to the complaints flow; this log is the organization's security record. */
  @Get() list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto) {
    return this.audit.list(actor.organizationId, { ...query, limit: query.limit ?? 50 });
  }
}

export const adminControllers = [
  UsersAdminController, TeamsAdminController, BranchesAdminController, ChannelAccountsAdminController, WhatsAppWebAdminController, RoutingRulesAdminController, ReplyTemplatesAdminController,
  AuditAdminController, EmailAccountsAdminController,
];
