import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CaseVisitsService } from '@inbox/cases';
import { FieldEntriesService } from '@inbox/channels/field';
import { Actor, Role } from '@inbox/tenancy';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { BeneficiaryQueryDto, FieldEntryDto, RecentEntriesDto } from './delegates.dto';

/** The delegate's phone page: find a beneficiary, log a field contact, walk-in or eligibility visit (offline entries sync here, once each). */
@ApiTags('delegates')
@ApiBearerAuth()
@Roles(Role.Delegate, Role.Agent, Role.Supervisor, Role.Admin, Role.Researcher)
@Controller('delegate')
export class DelegatesController {
  constructor(private readonly entries: FieldEntriesService, private readonly visits: CaseVisitsService) {}

  @Get('beneficiaries') async find(@CurrentActor() actor: Actor, @Query() query: BeneficiaryQueryDto) {
    return { beneficiary: await this.entries.findBeneficiary(actor, query) };
  }

  @Post('entries') log(@CurrentActor() actor: Actor, @Body() dto: FieldEntryDto) {
    const { visitId, ...fields } = dto;
    const entry = {
      ...fields, occurredAt: new Date(dto.occurredAt),
      photos: (dto.photos ?? []).map((p) => ({ fileName: p.fileName, bytes: Buffer.from(p.contentBase64, 'base64') })),
    };
    if (!visitId) return this.entries.log(actor, entry);
    const { contactId: _c, person: _p, ticketId: _t, newTicket: _n, ...report } = entry;
    return this.visits.report(actor, visitId, report);
  }

  /** The case visits this user was sent on and has not reported yet, the soonest due first. */
  @Get('visits') async assigned(@CurrentActor() actor: Actor) { return { visits: await this.visits.assignedTo(actor) }; }

  @Get('entries') recent(@CurrentActor() actor: Actor, @Query() query: RecentEntriesDto) { return this.entries.recent(actor, query.limit ?? 20); }
}
