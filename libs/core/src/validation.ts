import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { buildMessage, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateBy, ValidationOptions } from 'class-validator';

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

/**
 * Base64 (the standard alphabet, padded), checked in one pass. class-validator's
 * IsBase64 runs validator.js's regular expression, whose repeated group needs
 * stack in proportion to the input and overflows it on a file of a few
 * megabytes (a RangeError, answered as a 500) on a loaded machine.
 */
export function isBase64Text(value: unknown): boolean {
  if (typeof value !== 'string' || value.length % 4 !== 0) return false;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  const end = value.length - padding;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}

export const IsBase64Text = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isBase64Text', validator: { validate: isBase64Text, defaultMessage: buildMessage((prefix) => `${prefix}$property must be base64 encoded`, options) } }, options);
