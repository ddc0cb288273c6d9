import { addBusinessMinutes } from '@inbox/core';
import { OrganizationProfile } from './organization-profile.cache';

export interface TicketDeadlines {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  decisionDueAt: Date | null;
}

/** Policy: support requests must be decided by the committee within fourteen calendar days. */
export const COMMITTEE_DECISION_DAYS = 14;

export function deadlinesFor(profile: OrganizationProfile, type: string, openedAt: Date): TicketDeadlines {
  return {
    firstResponseDueAt: addBusinessMinutes(openedAt, profile.firstResponseMinutes, profile.businessHours),
    resolutionDueAt: addBusinessMinutes(openedAt, profile.resolutionMinutes, profile.businessHours),
    decisionDueAt: type === 'support_request' ? new Date(openedAt.getTime() + COMMITTEE_DECISION_DAYS * 86_400_000) : null,
  };
}
