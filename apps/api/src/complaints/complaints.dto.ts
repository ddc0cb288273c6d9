import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ValidateEnum, ValidateText, ValidateUUID } from '@inbox/core';
import { ComplaintDecision } from '@inbox/complaints';
import { Locale } from '../admin/admin.dto';

export class ParticipantDto {
  @ValidateUUID() userId: string;
}

export class PartyDto {
  @ValidateUUID({ optional: true }) userId?: string;
  @ValidateText({ optional: true, max: 200 }) name?: string;
  @ValidateText({ optional: true, max: 200 }) role?: string;
}

export class FindingsDto {
  @ValidateText({ optional: true, max: 20_000 }) findings?: string;
  @ValidateText({ optional: true, max: 20_000 }) actionTaken?: string;
}

export class CloseComplaintDto {
  @ValidateEnum(ComplaintDecision, 'ComplaintDecision') decision: ComplaintDecision;
}

export const NoticeKindValues = { Acknowledgement: 'acknowledgement', Closure: 'closure' } as const;

export class NoticeTemplateParams {
  @ValidateEnum(NoticeKindValues, 'NoticeKind') kind: 'acknowledgement' | 'closure';
  @ValidateEnum(Locale, 'Locale') locale: 'ar' | 'en';
}

export class NoticeTemplateDto {
  @ApiProperty({ description: 'Allowed placeholders: {{reference}}, {{trackingCode}}, {{openedDate}}, {{closedDate}}, {{organization.name}}' })
  @ValidateText({ max: 5_000 }) body: string;
}

export class TrackingParams {
  @ApiProperty({ example: 'AB12CD34EF56' }) @Matches(/^[0-9A-Za-z]{6,32}$/, { message: 'code must be the tracking code you were given' })
  code: string;
}
