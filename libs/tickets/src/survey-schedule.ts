import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Ticket } from './ticket.entity';

export type SurveyLocale = 'ar' | 'en';

/** Chat channels ask inline (answer with a digit); the others send a link. */
const INLINE_CHANNELS = ['whatsapp_web', 'whatsapp_cloud'];

/**
 * Schedules the satisfaction survey of a ticket being resolved, in the
 * resolving transaction: once per ticket, after the organization's delay;
 * a complaint's survey asks about the handling only, or there is none.
 */
export async function scheduleSurvey(manager: EntityManager, ticket: Ticket): Promise<void> {
  const [org] = await manager.query(`SELECT survey_delay_minutes, survey_complaints FROM organizations WHERE id = $1`, [ticket.organizationId]);
  if (ticket.confidential && org.survey_complaints === 'none') return;
  const [first] = await manager.query(
    `SELECT body FROM messages WHERE ticket_id = $1 AND direction = 'inbound' ORDER BY created_at LIMIT 1`, [ticket.id],
  );
  const locale: SurveyLocale = first?.body && !/[\u0600-\u06FF]/.test(first.body) && /[A-Za-z]/.test(first.body) ? 'en' : 'ar';
  await manager.query(
    `INSERT INTO surveys (organization_id, ticket_id, token, mode, process_only, locale, status, scheduled_for, team_id, assignee_id, channel_kind, ticket_type)
     VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', now() + make_interval(mins => $7), $8, $9, $10, $11)
     ON CONFLICT (ticket_id) DO NOTHING`,
    [ticket.organizationId, ticket.id, randomBytes(18).toString('base64url'), INLINE_CHANNELS.includes(ticket.channelKind) ? 'inline' : 'link',
      ticket.confidential, locale, org.survey_delay_minutes, ticket.teamId, ticket.assigneeId, ticket.channelKind, ticket.type],
  );
}
