/**
 * Libraries throw domain errors with a stable code; the api maps codes to HTTP
 * statuses in one place (apps/api/src/errors/domain-exception.filter.ts).
 */
export const ErrorCode = {
  NotFound: 'not_found',
  Forbidden: 'forbidden',
  Conflict: 'conflict',
  Invalid: 'invalid',
  Unauthenticated: 'unauthenticated',
  ChannelUnavailable: 'channel_unavailable',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string) {
    super(ErrorCode.NotFound, `${entity} not found`, { entity });
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.Forbidden, message);
  }
}

export class InvalidError extends DomainError {
  constructor(field: string, message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.Invalid, message, { ...details, field });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.Conflict, message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required') {
    super(ErrorCode.Unauthenticated, message);
  }
}
