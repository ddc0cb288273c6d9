import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ValidateEnum, ValidateText } from '@inbox/core';
import { ChannelKind, TicketTypeHint } from '@inbox/channels/contract';
import { Actor, Role } from '@inbox/tenancy';
import { SlaService, TicketPriority } from '@inbox/tickets';
import { CurrentActor, Roles } from '../auth/auth.decorators';

const MINUTES_IN_A_YEAR = 525_600;

export class SlaPolicyDto {
  @ValidateText({ max: 200 }) name: string;
  @ValidateEnum(TicketTypeHint, 'TicketType', { optional: true }) ticketType?: string;
  @ValidateEnum(TicketPriority, 'TicketPriority', { optional: true }) priority?: string;
  @ValidateEnum(ChannelKind, 'ChannelKind', { optional: true }) channelKind?: string;
  @ApiProperty({ description: 'Working minutes' }) @IsInt() @Min(1) @Max(MINUTES_IN_A_YEAR) firstResponseMinutes: number;
  @ApiProperty({ required: false, description: 'Working minutes after the customer writes again' }) @IsOptional() @IsInt() @Min(1) @Max(MINUTES_IN_A_YEAR) nextResponseMinutes?: number;
  @ApiProperty({ description: 'Working minutes' }) @IsInt() @Min(1) @Max(MINUTES_IN_A_YEAR) resolutionMinutes: number;
  @ApiProperty({ required: false, description: 'Calendar days for the committee decision on support requests (default 14)' }) @IsOptional() @IsInt() @Min(1) @Max(365) decisionDays?: number;
  @ApiProperty({ required: false, default: 60 }) @IsOptional() @IsInt() @Min(0) @Max(10_080) warnBeforeMinutes?: number;
  @ApiProperty({ required: false, default: true }) @IsOptional() @IsBoolean() escalateRaisePriority?: boolean;
  @ApiProperty({ required: false, default: false }) @IsOptional() @IsBoolean() escalateToLead?: boolean;
}

export class HolidayDto {
  @ValidateText({ max: 200 }) name: string;
  @ApiProperty({ required: false, example: '2026-09-23' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD (Gregorian)' }) date?: string;
  @ApiProperty({ required: false, example: '1448-03-12' }) @IsOptional() @Matches(/^1[34]\d{2}-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|30)$/, { message: 'hijriDate must be YYYY-MM-DD (Umm al-Qura)' }) hijriDate?: string;
}

export class ServiceSettingsDto {
  @ApiProperty({ required: false, example: 'Asia/Riyadh' }) @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
  @ApiProperty({ required: false, example: [0, 1, 2, 3, 4], description: '0 = Sunday … 6 = Saturday' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @IsInt({ each: true }) @Min(0, { each: true }) @Max(6, { each: true }) workDays?: number[];
  @ApiProperty({ required: false, example: 480, description: 'Minutes after local midnight' }) @IsOptional() @IsInt() @Min(0) @Max(1439) workStartMinute?: number;
  @ApiProperty({ required: false, example: 960 }) @IsOptional() @IsInt() @Min(1) @Max(1440) workEndMinute?: number;
  @ApiProperty({ required: false, description: 'Working minutes when no policy matches' }) @IsOptional() @IsInt() @Min(1) @Max(MINUTES_IN_A_YEAR) firstResponseMinutes?: number;
  @ApiProperty({ required: false }) @IsOptional() @IsInt() @Min(1) @Max(MINUTES_IN_A_YEAR) resolutionMinutes?: number;
  @ApiProperty({ required: false, description: 'Minutes after resolving before the survey goes out' }) @IsOptional() @IsInt() @Min(0) @Max(43_200) surveyDelayMinutes?: number;
  @ApiProperty({ required: false, enum: ['process', 'none'] }) @IsOptional() @IsIn(['process', 'none']) surveyComplaints?: 'process' | 'none';
}

export class DateParam {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) date: string;
}

/** Deadline policies (by type, priority, channel) and the organization's holidays. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('admin')
export class SlaAdminController {
  constructor(private readonly sla: SlaService) {}

  @Get('sla-policies') policies(@CurrentActor() actor: Actor) { return this.sla.listPolicies(actor); }
  @Post('sla-policies') create(@CurrentActor() actor: Actor, @Body() dto: SlaPolicyDto) { return this.sla.createPolicy(actor, dto); }
  @Delete('sla-policies/:id') @HttpCode(204) remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) { return this.sla.removePolicy(actor, id); }

  @Get('service-settings') settings(@CurrentActor() actor: Actor) { return this.sla.serviceSettings(actor); }
  @Patch('service-settings') updateSettings(@CurrentActor() actor: Actor, @Body() dto: ServiceSettingsDto) { return this.sla.updateServiceSettings(actor, dto); }

  @Get('holidays') holidays(@CurrentActor() actor: Actor) { return this.sla.listHolidays(actor); }
  @Post('holidays') addHoliday(@CurrentActor() actor: Actor, @Body() dto: HolidayDto) { return this.sla.addHoliday(actor, dto); }
  @Delete('holidays/:date') @HttpCode(204) removeHoliday(@CurrentActor() actor: Actor, @Param() params: DateParam) { return this.sla.removeHoliday(actor, params.date); }
}
