import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min, MinLength,
  ValidateNested,
} from 'class-validator';
import { ValidateEnum, ValidateText } from '@inbox/core';
import { ChannelKind, TicketTypeHint } from '@inbox/channels/contract';
import { Role, TeamPurpose, TeamSection } from '@inbox/tenancy';
import { TicketPriority } from '@inbox/tickets';

export class BranchDto {
  @ValidateText({ max: 200 }) nameAr: string;
  @ValidateText({ max: 200 }) nameEn: string;
  @ValidateText({ optional: true, max: 100 }) city?: string;
}
export class UpdateBranchDto extends PartialType(BranchDto) {}

export class TeamDto {
  @ValidateText({ max: 200 }) nameAr: string;
  @ValidateText({ max: 200 }) nameEn: string;
  @ValidateEnum(TeamSection, 'TeamSection') section: TeamSection;
  @ValidateEnum(TeamPurpose, 'TeamPurpose') purpose: TeamPurpose;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') branchId?: string | null;
}
export class UpdateTeamDto extends PartialType(TeamDto) {}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') userId: string;
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() lead?: boolean;
}

export class SetMembersDto {
  @ApiProperty({ type: [MemberDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => MemberDto)
  members: MemberDto[];
}

const ROLES = Object.values(Role);

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ValidateText({ max: 200 }) name: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayMinSize(1) @IsIn(ROLES, { each: true }) roles: Role[];
  @ApiProperty({ required: false, enum: ['ar', 'en'] }) @IsOptional() @IsIn(['ar', 'en']) locale?: 'ar' | 'en';
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') branchId?: string | null;
}

export class UpdateUserDto {
  @ValidateText({ optional: true, max: 200 }) name?: string;
  @ApiProperty({ required: false, minLength: 10 }) @IsOptional() @IsString() @MinLength(10) @MaxLength(200) password?: string;
  @ApiProperty({ required: false, enum: ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @IsIn(ROLES, { each: true }) roles?: Role[];
  @ApiProperty({ required: false, enum: ['ar', 'en'] }) @IsOptional() @IsIn(['ar', 'en']) locale?: 'ar' | 'en';
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') branchId?: string | null;
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() active?: boolean;
}

export class ChannelSettingsDto {
  @ApiProperty({ required: false, description: 'API channel: where replies are POSTed, signed with the account key' })
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2000)
  webhookUrl?: string;
}

export class CreateChannelAccountDto {
  @ValidateEnum(ChannelKind, 'ChannelKind') kind: ChannelKind;
  @ValidateText({ max: 200 }) name: string;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') branchId?: string | null;
  @ApiProperty({ required: false, type: ChannelSettingsDto }) @IsOptional() @ValidateNested() @Type(() => ChannelSettingsDto) settings?: ChannelSettingsDto;
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateChannelAccountDto {
  @ValidateText({ optional: true, max: 200 }) name?: string;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') branchId?: string | null;
  @ApiProperty({ required: false, type: ChannelSettingsDto }) @IsOptional() @ValidateNested() @Type(() => ChannelSettingsDto) settings?: ChannelSettingsDto;
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class RoutingConditionsDto {
  @ApiProperty({ required: false, enum: ChannelKind, isArray: true }) @IsOptional() @IsArray() @IsIn(Object.values(ChannelKind), { each: true }) channels?: string[];
  @ApiProperty({ required: false, enum: TicketTypeHint, isArray: true }) @IsOptional() @IsArray() @IsIn(Object.values(TicketTypeHint), { each: true }) types?: string[];
  @ApiProperty({ required: false, enum: ['male', 'female'], isArray: true }) @IsOptional() @IsArray() @IsIn(['male', 'female'], { each: true }) genders?: ('male' | 'female')[];
  @ApiProperty({ required: false, type: [String] }) @IsOptional() @IsArray() @IsUUID('4', { each: true }) branchIds?: string[];
  @ApiProperty({ required: false, type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(100, { each: true }) keywords?: string[];
}

export class RoutingRuleDto {
  @ValidateText({ max: 200 }) name: string;
  @ApiProperty({ required: false }) @IsOptional() @IsInt() @Min(0) @Max(10_000) position?: number;
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiProperty({ required: false, type: RoutingConditionsDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => RoutingConditionsDto) conditions?: RoutingConditionsDto;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') teamId?: string | null;
  @ApiProperty({ required: false, nullable: true, enum: TicketPriority }) @IsOptional() @IsIn(Object.values(TicketPriority)) priority?: TicketPriority | null;
}
export class UpdateRoutingRuleDto extends PartialType(RoutingRuleDto) {}

export const Locale = { Arabic: 'ar', English: 'en' } as const;

export class ReplyTemplateDto {
  @ValidateText({ max: 200 }) name: string;
  @ValidateEnum(Locale, 'Locale') locale: 'ar' | 'en';
  @ValidateText({ max: 5_000 }) body: string;
}
export class UpdateReplyTemplateDto extends PartialType(ReplyTemplateDto) {}
