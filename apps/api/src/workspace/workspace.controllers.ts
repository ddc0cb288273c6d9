import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Put, Res } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, DirectoryService, hasRole, Role } from '@inbox/tenancy';
import { AgentStatus, AssignmentService, AssignmentStrategy, ReplyTemplatesService, SupervisionQuery, TicketsService } from '@inbox/tickets';
import { ValidateEnum, ValidateUUID } from '@inbox/core';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Locale } from '../admin/admin.dto';

export class PreferencesDto {
  @ValidateEnum(Locale, 'Locale') locale: 'ar' | 'en';
}

/** What every member of staff needs around the inbox: the workspace, preferences, templates, attachments. */
@ApiTags('workspace')
@ApiBearerAuth()
@Controller()
export class WorkspaceController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly templates: ReplyTemplatesService,
    private readonly tickets: TicketsService,
  ) {}

  @Get('workspace')
  workspace(@CurrentActor() actor: Actor) {
    return this.directory.workspace(actor);
  }

  @Patch('me')
  @HttpCode(204)
  preferences(@CurrentActor() actor: Actor, @Body() dto: PreferencesDto) {
    return this.directory.setLocale(actor, dto.locale);
  }

  @Get('templates')
  listTemplates(@CurrentActor() actor: Actor) {
    return this.templates.list(actor);
  }

  @Get('attachments/:messageId/:index')
  async attachment(
    @CurrentActor() actor: Actor,
    @Param('messageId', ParseUUIDPipe) messageId: string,
    @Param('index', ParseIntPipe) index: number,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.tickets.attachment(actor, messageId, index);
    response
      .type(file.contentType)
      // Never rendered inline from our origin: an uploaded HTML file must not run as the app.
      .attachment(file.fileName)
      .set({ 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' })
      .send(file.bytes);
  }
}

@ApiTags('supervision')
@ApiBearerAuth()
@Roles(Role.Admin, Role.Supervisor)
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionQuery) {}

  /** Open tickets per team and per agent, with how many are overdue. */
  @Get('load')
  load(@CurrentActor() actor: Actor) {
    return this.supervision.load(actor, hasRole(actor, Role.ComplaintsOfficer));
  }
}

export class AgentStatusDto {
  @ValidateEnum(AgentStatus, 'AgentStatus') status: AgentStatus;
  @ApiProperty({ required: false, default: false, description: 'Going away or offline: hand my open tickets back to my teams' })
  @IsOptional() @IsBoolean() releaseTickets?: boolean;
}

export class MemberCapacityDto {
  @ValidateUUID() userId: string;
  @ApiProperty({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(500) capacity: number | null;
}

export class TeamAssignmentDto {
  @ValidateEnum(AssignmentStrategy, 'AssignmentStrategy', { optional: true }) strategy?: AssignmentStrategy;
  @ApiProperty({ required: false }) @IsOptional() @IsInt() @Min(1) @Max(500) agentCapacity?: number;
  @ApiProperty({ required: false, type: [MemberCapacityDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => MemberCapacityDto)
  capacities?: MemberCapacityDto[];
}

/** The agent's own availability: whether automatic assignment may give them tickets. */
@ApiTags('workspace')
@ApiBearerAuth()
@Controller('me/status')
export class AgentStatusController {
  constructor(private readonly assignment: AssignmentService) {}

  @Get() async get(@CurrentActor() actor: Actor) { return { status: await this.assignment.status(actor) }; }
  @Put() set(@CurrentActor() actor: Actor, @Body() dto: AgentStatusDto) { return this.assignment.setStatus(actor, dto.status, dto.releaseTickets ?? false); }
}

@ApiTags('supervision')
@ApiBearerAuth()
@Roles(Role.Admin, Role.Supervisor)
@Controller('teams/:id/assignment')
export class TeamAssignmentController {
  constructor(private readonly assignment: AssignmentService) {}

  @Get() get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) { return this.assignment.settings(actor, id); }
  @Put() set(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TeamAssignmentDto) { return this.assignment.configure(actor, id, dto); }
}
