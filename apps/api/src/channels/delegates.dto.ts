import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsLatitude, IsLongitude, IsNumber, IsOptional, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { IsBase64Text, ValidateLimit, ValidateText, ValidateUUID } from '@inbox/core';

export class BeneficiaryQueryDto {
  @ValidateText({ optional: true, max: 30 }) phone?: string;
  @ValidateText({ optional: true, max: 20 }) nationalId?: string;
}

export class PersonDto {
  @ValidateText({ optional: true, max: 200 }) name?: string;
  @ApiProperty({ required: false, enum: ['male', 'female'] }) @IsOptional() @IsIn(['male', 'female']) gender?: 'male' | 'female';
  @ValidateText({ optional: true, max: 30 }) phone?: string;
  @ValidateText({ optional: true, max: 20 }) nationalId?: string;
}

export class PhotoDto {
  @ValidateText({ max: 255 }) fileName: string;
  @ApiProperty({ description: 'JPEG or PNG, base64' }) @IsBase64Text() @MinLength(1) contentBase64: string;
}

export class PositionDto {
  @ApiProperty() @IsLatitude() latitude: number;
  @ApiProperty() @IsLongitude() longitude: number;
  @ApiProperty({ required: false }) @IsOptional() @IsNumber() @Min(0) @Max(100_000) accuracyMeters?: number;
}

export class FieldEntryDto {
  @ValidateText({ max: 100, description: 'The device\'s id for this entry (a UUID made when it was written): sending it again writes nothing new' })
  clientKey: string;

  @ApiProperty({ enum: ['field_contact', 'walk_in', 'eligibility_visit'] }) @IsIn(['field_contact', 'walk_in', 'eligibility_visit'])
  kind: 'field_contact' | 'walk_in' | 'eligibility_visit';

  @ApiProperty({ format: 'date-time', description: 'When it happened (on the device), not when it synced' }) @IsDateString()
  occurredAt: string;

  @ValidateUUID({ optional: true }) contactId?: string;

  @ApiProperty({ required: false, type: PersonDto }) @IsOptional() @ValidateNested() @Type(() => PersonDto)
  person?: PersonDto;

  @ValidateText({ max: 10_000 }) notes: string;

  @ApiProperty({ required: false, type: [PhotoDto] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => PhotoDto)
  photos?: PhotoDto[];

  @ApiProperty({ required: false, type: PositionDto }) @IsOptional() @ValidateNested() @Type(() => PositionDto)
  position?: PositionDto;

  @ValidateUUID({ optional: true }) ticketId?: string;

  @ValidateUUID({ optional: true, description: 'The report of a case visit the user was sent on: it goes on that case, for its applicant' })
  visitId?: string;

  @ApiProperty({ required: false, description: 'A new matter: open a new ticket rather than joining the person\'s open field ticket' }) @IsOptional() @IsBoolean()
  newTicket?: boolean;
}

export class RecentEntriesDto {
  @ValidateLimit({ max: 100 }) limit?: number;
}
