import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

/** Composite validators, so DTOs say what a field is in one line (after immich's validation.ts). */
type Options = { optional?: boolean } & Pick<ApiPropertyOptions, 'description' | 'example'>;

const optionalIf = (optional?: boolean) => (optional ? [IsOptional()] : []);

export const ValidateUUID = ({ optional, ...api }: Options = {}) =>
  applyDecorators(...optionalIf(optional), IsUUID('4'), ApiProperty({ format: 'uuid', required: !optional, ...api }));

export const ValidateText = ({ optional, max = 500, min = 1, ...api }: Options & { max?: number; min?: number } = {}) =>
  applyDecorators(
    ...optionalIf(optional),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(min),
    MaxLength(max),
    ApiProperty({ type: String, required: !optional, maxLength: max, ...api }),
  );

export const ValidateEnum = <T extends Record<string, string>>(
  values: T,
  name: string,
  { optional, ...api }: Options = {},
) => applyDecorators(...optionalIf(optional), IsEnum(values), ApiProperty({ enum: values, enumName: name, required: !optional, ...api }));

export const ValidateLimit = ({ max = 100, ...api }: Options & { max?: number } = {}) =>
  applyDecorators(
    IsOptional(),
    Transform(({ value }) => (value === undefined ? undefined : Number(value))),
    IsInt(),
    Min(1),
    Max(max),
    ApiProperty({ type: Number, required: false, maximum: max, ...api }),
  );
