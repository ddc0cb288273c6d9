import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { ComplaintCasesService, NoticeTemplatesService } from '@inbox/complaints';
import { Actor, Role } from '@inbox/tenancy';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { CloseComplaintDto, FindingsDto, NoticeTemplateDto, NoticeTemplateParams, ParticipantDto, PartyDto, TrackingParams } from './complaints.dto';

const Id = () => Param('id', ParseUUIDPipe);

/** The confidential case behind a complaint ticket (`:id` is the ticket id). Anyone else gets 404, as for the ticket. */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly cases: ComplaintCasesService) {}

  @Get(':id') get(@CurrentActor() actor: Actor, @Id() id: string) { return this.cases.get(actor, id); }
  @Patch(':id') findings(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: FindingsDto) { return this.cases.updateFindings(actor, id, dto); }
  @Post(':id/participants') addParticipant(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: ParticipantDto) { return this.cases.addParticipant(actor, id, dto.userId); }
  @Delete(':id/participants/:userId') removeParticipant(@CurrentActor() actor: Actor, @Id() id: string, @Param('userId', ParseUUIDPipe) userId: string) {
    return this.cases.removeParticipant(actor, id, userId);
  }
  @Post(':id/parties') addParty(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: PartyDto) { return this.cases.addParty(actor, id, dto); }
  @Delete(':id/parties/:partyId') removeParty(@CurrentActor() actor: Actor, @Id() id: string, @Param('partyId', ParseUUIDPipe) partyId: string) {
    return this.cases.removeParty(actor, id, partyId);
  }
  @Post(':id/close') close(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: CloseComplaintDto) { return this.cases.close(actor, id, dto.decision); }
  @Get(':id/access-log') accessLog(@CurrentActor() actor: Actor, @Id() id: string) { return this.cases.accessLog(actor, id); }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin/notice-templates')
export class NoticeTemplatesAdminController {
  constructor(private readonly templates: NoticeTemplatesService) {}

  @Get() list(@CurrentActor() actor: Actor) { return this.templates.list(actor); }
  @Put(':kind/:locale') set(@CurrentActor() actor: Actor, @Param() params: NoticeTemplateParams, @Body() dto: NoticeTemplateDto) {
    return this.templates.set(actor, params.kind, params.locale, dto.body);
  }
}

/** The complainant's tracking page asks here with the code they were given; guessing codes is throttled like logins (per address). */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@Throttle({ login: {} })
@Controller('public/complaints')
export class ComplaintTrackingController {
  constructor(private readonly cases: ComplaintCasesService) {}

  @Get(':code') track(@Param() params: TrackingParams) { return this.cases.track(params.code); }
}
