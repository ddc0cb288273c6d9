import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, DirectoryService, hasRole, Role } from '@inbox/tenancy';
import { ReplyTemplatesService, SupervisionQuery, TicketsService } from '@inbox/tickets';
import { ValidateEnum } from '@inbox/core';
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
