import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Process configuration, read once from the environment and validated, so a
 * missing or malformed setting stops the process at start with the name of the
 * variable instead of failing later on a request.
 */
export class AppConfig {
  @IsOptional() @IsString()
  DATABASE_URL?: string;

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  DATA_DIR = './data';

  /** 32 bytes, base64: encrypts channel secrets at rest. */
  @IsString() @MinLength(40)
  SECRETS_KEY: string;

  @IsString() @MinLength(32)
  JWT_SECRET: string;

  @Transform(toInt) @IsInt() @Min(30)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt) @IsInt() @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /** Largest accepted request body (body-parser syntax); room for one base64 attachment of ATTACHMENT_MAX_BYTES. */
  @IsString()
  BODY_LIMIT = '16mb';

  @Transform(toInt) @IsInt() @Min(1)
  ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;

  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_ATTEMPTS_PER_MINUTE = 10;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional() @IsString()
  PUBLIC_URL?: string;

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): AppConfig {
    const config = plainToInstance(AppConfig, { ...env }, { exposeDefaultValues: true });
    const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
    if (errors.length > 0) {
      const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
      throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
    }
    return config;
  }
}
