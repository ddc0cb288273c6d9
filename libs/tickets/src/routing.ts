import { normalizeArabic } from '@inbox/core';
import { RoutingConditions } from './routing-rule.entity';
import { TicketPriority } from './ticket.entity';

export interface RoutingContext {
  channel: string;
  type: string;
  gender: 'male' | 'female' | null;
  branchId: string | null;
  text: string;
}

export interface RuleForRouting {
  id: string;
  enabled: boolean;
  conditions: RoutingConditions;
  teamId: string | null;
  priority: TicketPriority | null;
}

export interface TeamForRouting {
  id: string;
  section: 'men' | 'women' | 'mixed';
  purpose: 'service' | 'research' | 'complaints';
  branchId: string | null;
}

export interface RoutingDecision {
  teamId: string | null;
  priority: TicketPriority;
  ruleId: string | null;
}

const includesOrEmpty = <T>(list: T[] | undefined, value: T) => !list || list.length === 0 || list.includes(value);

export function ruleMatches(conditions: RoutingConditions, context: RoutingContext, normalizedText: string): boolean {
  if (!includesOrEmpty(conditions.channels, context.channel)) return false;
  if (!includesOrEmpty(conditions.types, context.type)) return false;
  if (conditions.genders?.length && (!context.gender || !conditions.genders.includes(context.gender))) return false;
  if (conditions.branchIds?.length && (!context.branchId || !conditions.branchIds.includes(context.branchId))) return false;
  if (conditions.keywords?.length && !conditions.keywords.some((k) => normalizedText.includes(normalizeArabic(k)))) return false;
  return true;
}

/**
 * The first enabled rule that matches decides (rules are ordered by position).
 * With no team from a rule, the contact's gender picks the men's or women's
 * service section, preferring the contact's branch; unknown gender goes to a
 * mixed section if there is one.
 */
export function route(context: RoutingContext, rules: RuleForRouting[], teams: TeamForRouting[]): RoutingDecision {
  const normalizedText = normalizeArabic(context.text);
  const rule = rules.find((r) => r.enabled && ruleMatches(r.conditions, context, normalizedText));
  const priority = rule?.priority ?? 'normal';
  if (rule?.teamId) return { teamId: rule.teamId, priority, ruleId: rule.id };
  const section = context.gender === 'male' ? 'men' : context.gender === 'female' ? 'women' : 'mixed';
  const service = teams.filter((t) => t.purpose === 'service');
  const candidates = [
    ...service.filter((t) => t.section === section && context.branchId && t.branchId === context.branchId),
    ...service.filter((t) => t.section === section),
    ...service.filter((t) => t.section === 'mixed'),
  ];
  return { teamId: candidates[0]?.id ?? null, priority, ruleId: rule?.id ?? null };
}
