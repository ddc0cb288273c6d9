import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LetterSettingsService, LettersService } from '@inbox/channels/letters';
import { Actor, Role } from '@inbox/tenancy';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { DispatchDto, IncomingLetterDto, LetterListDto, LetterSettingsDto, LetterTemplateDto, OutgoingLetterDto, UpdateLetterTemplateDto } from './letters.dto';

const Id = () => Param('id', ParseUUIDPipe);
const STAFF = [Role.Admin, Role.Supervisor, Role.Agent, Role.ComplaintsOfficer, Role.Researcher];

/** The correspondence register: a letter is seen by whoever may see its ticket. */
@ApiTags('letters')
@ApiBearerAuth()
@Roles(...STAFF)
@Controller('letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Get() list(@CurrentActor() actor: Actor, @Query() query: LetterListDto) { return this.letters.list(actor, { ...query, limit: query.limit ?? 50 }); }
  @Get(':id') get(@CurrentActor() actor: Actor, @Id() id: string) { return this.letters.get(actor, id); }

  @Get(':id/pdf') async pdf(@CurrentActor() actor: Actor, @Id() id: string, @Res() response: Response) {
    const file = await this.letters.pdf(actor, id);
    response.type('application/pdf').attachment(file.fileName).set({ 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' }).send(file.bytes);
  }

  @Post('incoming') incoming(@CurrentActor() actor: Actor, @Body() dto: IncomingLetterDto) {
    const { pages, ...rest } = dto;
    return this.letters.registerIncoming(actor, { ...rest, pages: (pages ?? []).map((p) => ({ fileName: p.fileName, bytes: Buffer.from(p.contentBase64, 'base64') })) });
  }

  @Post('outgoing') outgoing(@CurrentActor() actor: Actor, @Body() dto: OutgoingLetterDto) { return this.letters.issueOutgoing(actor, dto); }

  @Post(':id/dispatch') dispatch(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: DispatchDto) {
    return this.letters.dispatch(actor, id, { ...dto, at: dto.at ? new Date(dto.at) : undefined });
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/letters')
export class LettersAdminController {
  constructor(private readonly settings: LetterSettingsService) {}
  @Roles(...STAFF) @Get('settings') get(@CurrentActor() actor: Actor) { return this.settings.get(actor.organizationId); }
  @Roles(Role.Admin) @Put('settings') set(@CurrentActor() actor: Actor, @Body() dto: LetterSettingsDto) { return this.settings.set(actor, dto); }
  @Roles(...STAFF) @Get('templates') templates(@CurrentActor() actor: Actor) { return this.settings.templates(actor); }
  @Roles(Role.Admin) @Post('templates') create(@CurrentActor() actor: Actor, @Body() dto: LetterTemplateDto) { return this.settings.saveTemplate(actor, null, dto); }
  @Roles(Role.Admin) @Patch('templates/:id') async update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateLetterTemplateDto) {
    return this.settings.saveTemplate(actor, id, { ...(await this.settings.template(actor.organizationId, id)), ...dto });
  }
}
