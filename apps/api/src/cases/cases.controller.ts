import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches } from 'class-validator';
import { ValidateLimit, ValidateText } from '@inbox/core';
import { CasesService, CaseTypesService, CaseVisitsService } from '@inbox/cases';
import { Actor, Role } from '@inbox/tenancy';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AssignVisitDto } from './cases.dto';

export class CheckItemDto {
  @ApiProperty() @IsBoolean() done: boolean;
  @ValidateText({ optional: true, max: 1000 }) note?: string;
}

export class MoveCaseDto {
  @ApiProperty({ example: 'research' }) @IsString() @Matches(/^[a-z_]{2,40}$/) stage: string;
  @ValidateText({ optional: true, max: 2000, description: 'Why, for the timeline and the next person (the researcher, the committee)' }) note?: string;
}

export class CaseListQueryDto {
  @ApiProperty({ required: false, default: 'committee', description: 'The stage; committee lists the cases awaiting decision' })
  @IsString() @Matches(/^[a-z_]{2,40}$/) stage: string = 'committee';
  @ValidateLimit({ max: 500 }) limit?: number;
}

/** Cases by stage, for the committee's agenda: the nearest decision deadline first. */
@ApiTags('cases')
@ApiBearerAuth()
@Roles(Role.Agent, Role.Supervisor, Role.Admin, Role.Researcher)
@Controller('cases')
export class CaseListController {
  constructor(private readonly cases: CasesService, private readonly types: CaseTypesService) {}

  /** The organization's request types with their stages, for the list's stage filter. */
  @Get('types') listTypes(@CurrentActor() actor: Actor) {
    return this.types.list(actor.organizationId);
  }

  @Get() list(@CurrentActor() actor: Actor, @Query() query: CaseListQueryDto) {
    return this.cases.list(actor, query.stage, query.limit ?? 200);
  }
}

/** The case behind a request ticket: its stage, checklist and history; moves and checks by the roles each stage allows. */
@ApiTags('cases')
@ApiBearerAuth()
@Roles(Role.Agent, Role.Supervisor, Role.Admin, Role.Researcher)
@Controller('tickets/:id/case')
export class CasesController {
  constructor(private readonly cases: CasesService, private readonly visits: CaseVisitsService) {}

  @Get() view(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.cases.view(actor, id);
  }

  @Patch('checklist/:item')
  check(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('item') item: string, @Body() dto: CheckItemDto) {
    return this.cases.check(actor, id, item, dto.done, dto.note ?? null);
  }

  @Post('stage') @HttpCode(200)
  move(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MoveCaseDto) {
    return this.cases.move(actor, id, dto.stage, dto.note ?? null);
  }

  /** Writes to the applicant, on their channel and in their language, asking for what the checklist still lacks. */
  @Post('request-missing') @HttpCode(200)
  requestMissing(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.cases.requestMissing(actor, id);
  }

  /** Sends a delegate or researcher to verify the case in the field; the visit waits on their phone page. */
  @Post('visits')
  assignVisit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignVisitDto) {
    return this.visits.assign(actor, id, dto);
  }

  @Post('visits/:visitId/cancel') @HttpCode(200)
  cancelVisit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('visitId', ParseUUIDPipe) visitId: string) {
    return this.visits.cancel(actor, id, visitId);
  }
}
