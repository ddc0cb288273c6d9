import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { InvalidError } from '@inbox/core';
import { Actor, Role } from '@inbox/tenancy';
import { SurveysService } from '@inbox/tickets';
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
