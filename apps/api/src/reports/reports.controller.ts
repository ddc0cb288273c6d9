import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, Matches } from 'class-validator';
import { InvalidError, ValidateEnum, ValidateUUID } from '@inbox/core';
import { ChannelKind } from '@inbox/channels/contract';
import { Actor, Role } from '@inbox/tenancy';
import { ReportFilter, ReportsService, SurveysService } from '@inbox/tickets';
import { CurrentActor, Roles } from '../auth/auth.decorators';

const YEAR_MS = 366 * 86_400_000;

export class PeriodDto {
  @ApiProperty({ required: false, description: 'ISO date; default 30 days ago' }) @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @ApiProperty({ required: false, description: 'ISO date; default now' }) @IsOptional() @Type(() => Date) @IsDate() to?: Date;
}

export class SatisfactionQueryDto extends PeriodDto {
  @ApiProperty({ required: false, enum: ['team', 'channel', 'type', 'month'], default: 'team' }) @IsOptional() @IsIn(['team', 'channel', 'type', 'month'])
  groupBy?: 'team' | 'channel' | 'type' | 'month';
}

function period(dto: PeriodDto): { from: Date; to: Date } {
  const to = dto.to ?? new Date();
  const from = dto.from ?? new Date(to.getTime() - 30 * 86_400_000);
  if (from >= to) throw new InvalidError('from', 'from must be before to');
  if (to.getTime() - from.getTime() > 5 * YEAR_MS) throw new InvalidError('from', 'A report covers at most five years');
  return { from, to };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/satisfaction')
export class SatisfactionReportsController {
  constructor(private readonly surveys: SurveysService) {}

  /** Ratings by team, channel, type or month, for improving the service. */
  @Roles(Role.Admin, Role.Supervisor)
  @Get()
  results(@CurrentActor() actor: Actor, @Query() query: SatisfactionQueryDto) {
    return this.surveys.results(actor, { ...period(query), groupBy: query.groupBy ?? 'team' });
  }

  /** One agent's own ratings: that agent, and supervisors. Never a league table. */
  @Get('agents/:id')
  agent(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: PeriodDto) {
    const { from, to } = period(query);
    return this.surveys.agentResults(actor, id, from, to);
  }
}

export class ReportQueryDto {
  @ApiProperty({ required: false, example: '2026-01-01', description: 'First local day (Gregorian; the web app converts Hijri ranges); default 30 days ago' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' }) from?: string;
  @ApiProperty({ required: false, example: '2026-12-31', description: 'Last local day, inclusive; default today' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be YYYY-MM-DD' }) to?: string;
  @ValidateUUID({ optional: true }) branchId?: string;
  @ValidateUUID({ optional: true }) teamId?: string;
  @ValidateEnum(ChannelKind, 'ChannelKind', { optional: true }) channel?: string;
}

function reportFilter(dto: ReportQueryDto): ReportFilter {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const to = dto.to ?? day(new Date());
  const from = dto.from ?? day(new Date(Date.parse(to) - 29 * 86_400_000));
  if (from > to) throw new InvalidError('from', 'from must not be after to');
  if (Date.parse(to) - Date.parse(from) > 5 * YEAR_MS) throw new InvalidError('from', 'A report covers at most five years');
  return { from, to, branchId: dto.branchId, teamId: dto.teamId, channel: dto.channel };
}

/** Dashboards for admins and supervisors, from the daily rollup. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles(Role.Admin, Role.Supervisor)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('overview')
  overview(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto) {
    return this.reports.overview(actor, reportFilter(query));
  }

  /** The same figures per day, channel, type, team and branch, as CSV; every export is audited. */
  @Get('export.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="inbox-report.csv"')
  async export(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto): Promise<string> {
    // A byte-order mark, so spreadsheet programs read the Arabic as UTF-8.
    return `\uFEFF${await this.reports.exportCsv(actor, reportFilter(query))}`;
  }
}
