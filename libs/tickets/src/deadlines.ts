import { addBusinessMinutes } from '@inbox/core';
import { OrganizationProfile, SlaPolicy } from './organization-profile.cache';

export interface TicketDeadlines {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  decisionDueAt: Date | null;
}

/** Policy: support requests must be decided by the committee within fourteen calendar days, unless a policy says otherwise. */
export const COMMITTEE_DECISION_DAYS = 14;

export interface DeadlineContext {
  channel?: string;
  priority?: string;
}

/**
 * The policy for a ticket: among those whose every stated condition (type,
 * priority, channel) matches, the one stating the most conditions; none
 * matching means the organization's defaults.
 */
export function policyFor(policies: SlaPolicy[], type: string, context: DeadlineContext = {}): SlaPolicy | null {
  let best: SlaPolicy | null = null;
  let bestScore = -1;
  for (const policy of policies) {
    const checks: [string | null, string | undefined][] = [[policy.ticketType, type], [policy.priority, context.priority], [policy.channelKind, context.channel]];
    if (checks.some(([wanted, actual]) => wanted !== null && wanted !== actual)) continue;
    const score = checks.filter(([wanted]) => wanted !== null).length;
    if (score > bestScore) [best, bestScore] = [policy, score];
  }
  return best;
}

export function deadlinesFor(profile: OrganizationProfile, type: string, openedAt: Date, context: DeadlineContext = {}): TicketDeadlines {
  const policy = policyFor(profile.policies ?? [], type, context);
  const decisionDays = policy?.decisionDays ?? COMMITTEE_DECISION_DAYS;
  return {
    firstResponseDueAt: addBusinessMinutes(openedAt, policy?.firstResponseMinutes ?? profile.firstResponseMinutes, profile.businessHours),
    resolutionDueAt: addBusinessMinutes(openedAt, policy?.resolutionMinutes ?? profile.resolutionMinutes, profile.businessHours),
    decisionDueAt: type === 'support_request' ? new Date(openedAt.getTime() + decisionDays * 86_400_000) : null,
  };
}

/** When the next response is due after a customer writes again, or null when the policy sets none. */
export function nextResponseDue(profile: OrganizationProfile, type: string, at: Date, context: DeadlineContext = {}): Date | null {
  const minutes = policyFor(profile.policies ?? [], type, context)?.nextResponseMinutes;
  return minutes ? addBusinessMinutes(at, minutes, profile.businessHours) : null;
}
