import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Request } from 'express';
import { Actor, Role } from '@inbox/tenancy';

export const PUBLIC_ROUTE = 'inbox:public';
export const ROLES = 'inbox:roles';

/** No user token: public pages, login, and channel endpoints that authenticate with their own key or signature. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export type AuthenticatedRequest = Request & { actor: Actor };

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor =>
  context.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);

export const ClientIp = createParamDecorator((_data: unknown, context: ExecutionContext): string | null =>
  context.switchToHttp().getRequest<Request>().ip ?? null,
);
