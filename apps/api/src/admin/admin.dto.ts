import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, MinLength,
  Validate, ValidateNested, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface,
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

export class ImapSettingsDto {
  @ValidateText({ max: 253 }) host: string;
  @ApiProperty({ example: 993 }) @IsInt() @Min(1) @Max(65535) port: number;
  @ApiProperty({ required: false, default: true, description: 'TLS from the first byte (usually port 993); false: plain, upgraded with STARTTLS when the server offers it' })
  @IsOptional() @IsBoolean() tls?: boolean;
  @ValidateText({ max: 320 }) user: string;
  @ValidateText({ optional: true, max: 200, description: 'The folder read for new mail; INBOX when not set' }) folder?: string;
}

export class SmtpSettingsDto {
  @ValidateText({ max: 253 }) host: string;
  @ApiProperty({ example: 587 }) @IsInt() @Min(1) @Max(65535) port: number;
  @ApiProperty({ required: false, enum: ['tls', 'starttls', 'none'], default: 'starttls' }) @IsOptional() @IsIn(['tls', 'starttls', 'none']) security?: 'tls' | 'starttls' | 'none';
  @ValidateText({ optional: true, max: 320, description: 'Omit for a relay that takes mail without logging in' }) user?: string;
}

export class ChannelSettingsDto {
  @ApiProperty({ required: false, description: 'API channel: where replies are POSTed, signed with the account key' })
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2000)
  webhookUrl?: string;

  @ApiProperty({ required: false, description: 'Email: the mailbox address replies are sent from' }) @IsOptional() @IsEmail() @MaxLength(254) address?: string;
  @ValidateText({ optional: true, max: 200, description: 'Email: the name shown beside the address' }) displayName?: string;
  @ApiProperty({ required: false, type: ImapSettingsDto }) @IsOptional() @ValidateNested() @Type(() => ImapSettingsDto) imap?: ImapSettingsDto;
  @ApiProperty({ required: false, type: SmtpSettingsDto }) @IsOptional() @ValidateNested() @Type(() => SmtpSettingsDto) smtp?: SmtpSettingsDto;
  @ApiProperty({ required: false, nullable: true, description: 'Email: folder a copy of each reply is appended to; unset when the SMTP server files it (Gmail, Exchange)' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) sentFolder?: string | null;
  @ApiProperty({ required: false, description: 'Email: attachments larger than this are listed, not stored (the installation limit applies anyway)' })
  @IsOptional() @IsInt() @Min(1024) @Max(100 * 1024 * 1024) maxAttachmentBytes?: number;
  @ApiProperty({ required: false, default: 7, description: 'Email: on first connection, mail of the last N days is imported' })
  @IsOptional() @IsInt() @Min(0) @Max(365) importDays?: number;

  @ApiProperty({ required: false, description: 'WhatsApp Cloud API: the phone number id Meta gives the number' })
  @IsOptional() @IsString() @Matches(/^\d{5,30}$/) phoneNumberId?: string;
  @ApiProperty({ required: false, description: 'WhatsApp Cloud API: the WhatsApp Business Account id, for the approved templates' })
  @IsOptional() @IsString() @Matches(/^\d{5,30}$/) businessAccountId?: string;
  @ApiProperty({ required: false, default: 'https://graph.facebook.com', description: 'WhatsApp Cloud API: the Graph API base URL' })
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) @MaxLength(500) graphUrl?: string;
  @ApiProperty({ required: false, default: 'v21.0' }) @IsOptional() @IsString() @Matches(/^v\d{1,3}\.\d{1,2}$/) graphVersion?: string;
  @ApiProperty({ required: false, description: 'WhatsApp: media larger than this is noted on the message, not stored (the installation limit applies anyway)' })
  @IsOptional() @IsInt() @Min(1024) @Max(100 * 1024 * 1024) maxMediaBytes?: number;
  @ApiProperty({ required: false, default: 2000, description: 'WhatsApp Web: milliseconds at least between two replies sent on the number, so a burst does not look like spam' })
  @IsOptional() @IsInt() @Min(200) @Max(60_000) sendIntervalMs?: number;
  @ApiProperty({ required: false, description: 'WhatsApp Web: pair by a code typed on this phone number instead of scanning the QR code' })
  @IsOptional() @IsString() @Matches(/^\+?\d{8,15}$/) pairingPhone?: string;
  @ApiProperty({ required: false, default: false, description: 'WhatsApp Web: take messages of group chats too' }) @IsOptional() @IsBoolean() allowGroups?: boolean;
}

/** Passwords, sealed at rest and never returned. */
export class ChannelSecretsDto {
  @ApiProperty({ required: false, writeOnly: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) imapPassword?: string;
  @ApiProperty({ required: false, writeOnly: true, description: 'Only when SMTP takes another password than IMAP' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) smtpPassword?: string;
  @ApiProperty({ required: false, writeOnly: true, description: 'WhatsApp Cloud API: the system user access token' })
  @IsOptional() @IsString() @MinLength(10) @MaxLength(2000) accessToken?: string;
  @ApiProperty({ required: false, writeOnly: true, description: 'WhatsApp Cloud API: the app secret that signs the webhooks' })
  @IsOptional() @IsString() @MinLength(8) @MaxLength(200) appSecret?: string;
  @ApiProperty({ required: false, writeOnly: true, description: 'WhatsApp Cloud API: the verify token entered in the app\'s webhook settings' })
  @IsOptional() @IsString() @MinLength(8) @MaxLength(200) verifyToken?: string;
}

/** An email account is unusable without its address and both servers. */
@ValidatorConstraint({ name: 'emailSettingsComplete' })
class EmailSettingsComplete implements ValidatorConstraintInterface {
  validate(kind: unknown, args: ValidationArguments): boolean {
    const settings = (args.object as { settings?: ChannelSettingsDto }).settings;
    if (kind === ChannelKind.Email) return Boolean(settings?.address && settings.imap && settings.smtp);
    if (kind === ChannelKind.WhatsAppCloud) {
      const secrets = (args.object as { secrets?: ChannelSecretsDto }).secrets;
      return Boolean(settings?.phoneNumberId && secrets?.accessToken && secrets.appSecret && secrets.verifyToken);
    }
    return true;
  }

  defaultMessage(args: ValidationArguments): string {
    return args.value === ChannelKind.WhatsAppCloud
      ? 'a WhatsApp Cloud API number needs settings.phoneNumberId and secrets.accessToken, appSecret and verifyToken'
      : 'an email account needs settings.address, settings.imap and settings.smtp';
  }
}

export class CreateChannelAccountDto {
  @ValidateEnum(ChannelKind, 'ChannelKind') @Validate(EmailSettingsComplete) kind: ChannelKind;
  @ValidateText({ max: 200 }) name: string;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') branchId?: string | null;
  @ApiProperty({ required: false, type: ChannelSettingsDto }) @IsOptional() @ValidateNested() @Type(() => ChannelSettingsDto) settings?: ChannelSettingsDto;
  @ApiProperty({ required: false, type: ChannelSecretsDto }) @IsOptional() @ValidateNested() @Type(() => ChannelSecretsDto) secrets?: ChannelSecretsDto;
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateChannelAccountDto {
  @ValidateText({ optional: true, max: 200 }) name?: string;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID('4') branchId?: string | null;
  @ApiProperty({ required: false, type: ChannelSettingsDto }) @IsOptional() @ValidateNested() @Type(() => ChannelSettingsDto) settings?: ChannelSettingsDto;
  @ApiProperty({ required: false, type: ChannelSecretsDto }) @IsOptional() @ValidateNested() @Type(() => ChannelSecretsDto) secrets?: ChannelSecretsDto;
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
