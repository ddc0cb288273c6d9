import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { DomainError, ErrorCode } from '@inbox/core';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.Invalid]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.ChannelUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** body-parser's own errors, which reach us as plain errors with a type. */
const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: HttpStatus.BAD_REQUEST, message: 'The request body is not valid JSON' },
  'entity.too.large': { status: HttpStatus.PAYLOAD_TOO_LARGE, message: 'The request body is larger than allowed' },
  'encoding.unsupported': { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, message: 'The request body encoding is not supported' },
  'charset.unsupported': { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, message: 'The request body charset is not supported' },
};

/**
 * Any other error the HTTP layer marks as the client's (http-errors with
 * `expose`, e.g. body-parser's "request aborted" or a size that does not
 * match Content-Length): its own status and message, never a 500.
 */
function clientError(error: unknown): { status: number; message: string } | null {
  const { status, expose, message } = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) return null;
  return { status, message: typeof message === 'string' ? message : 'The request could not be read' };
}

/** The one place where errors become HTTP answers: domain codes map exhaustively, unknown errors are logged and hidden. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) {
      response.status(STATUS[error.code]).json({ statusCode: STATUS[error.code], error: error.code, message: error.message, ...error.details });
      return;
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      response.status(error.getStatus()).json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
      return;
    }
    const bodyError = BODY_ERRORS[(error as { type?: string }).type ?? ''] ?? clientError(error);
    if (bodyError) {
      response.status(bodyError.status).json({ statusCode: bodyError.status, error: 'invalid', message: bodyError.message });
      return;
    }
    this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    response.status(500).json({ statusCode: 500, error: 'internal', message: 'Something went wrong on our side' });
  }
}
