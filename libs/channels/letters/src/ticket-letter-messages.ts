import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JobQueue } from '@inbox/jobs';
import { recordEvents, RecordedEvent } from '@inbox/realtime';
import { OUTBOUND_QUEUE } from '@inbox/tickets';

export interface LetterAttachment {
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface TicketRow {
  id: string;
  organization_id: string;
  reference: string;
  status: string;
  priority: string;
  team_id: string | null;
  assignee_id: string | null;
  confidential: boolean;
  first_responded_at: Date | null;
}

/**
 * An outgoing letter on its ticket: the organization's message with the PDF
 * attached, written like a reply (the ticket's activity, preview, search
 * document, first response and events in the same transaction). When it is
 * emailed, a second outbound message on the email channel carries the PDF,
 * queued and sent by the outbound job like any reply.
 *
 * TicketsService.addMessage takes no attachments today; when it does, this
 * class should go and letters should call it.
 */
@Injectable()
export class TicketLetterMessages {
  constructor(private readonly jobs: JobQueue) {}

  async lockTicket(manager: EntityManager, organizationId: string, ticketId: string): Promise<TicketRow | null> {
    const [ticket] = await manager.query(
      `SELECT id, organization_id, reference, status, priority, team_id, assignee_id, confidential, first_responded_at
       FROM tickets WHERE id = $1 AND organization_id = $2 FOR UPDATE`,
      [ticketId, organizationId],
    );
    return ticket ?? null;
  }

  async append(
    manager: EntityManager, ticket: TicketRow,
    spec: { channelAccountId: string; author: { id: string; name: string }; body: string; attachments: LetterAttachment[]; metadata: Record<string, unknown>; queue: boolean },
    now: Date,
  ): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO messages (id, organization_id, ticket_id, direction, channel_account_id, author_user_id, sender_name, body, attachments, delivery_status, metadata, created_at)
       VALUES ($1, $2, $3, 'outbound', $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, ticket.organization_id, ticket.id, spec.channelAccountId, spec.author.id, spec.author.name, spec.body, JSON.stringify(spec.attachments),
        spec.queue ? 'queued' : null, spec.metadata, now],
    );
    if (spec.queue) await this.jobs.sendInTransaction(manager, OUTBOUND_QUEUE, { messageId: id });
    const opened = ticket.status === 'new';
    await manager.query(
      `UPDATE tickets SET last_activity_at = $2, updated_at = $2, first_responded_at = coalesce(first_responded_at, $2),
         status = CASE WHEN status = 'new' THEN 'open' ELSE status END, last_message_preview = $3,
         search_document = search_document || to_tsvector('simple', inbox_normalize($4))
       WHERE id = $1`,
      [ticket.id, now, spec.body.replace(/\s+/g, ' ').trim().slice(0, 160), spec.body],
    );
    const events: RecordedEvent[] = [{
      organizationId: ticket.organization_id, ticketId: ticket.id, confidential: ticket.confidential, type: 'message.created',
      payload: { ticketId: ticket.id, messageId: id, direction: 'outbound', deliveryStatus: spec.queue ? 'queued' : null },
    }];
    if (opened) {
      events.push({
        organizationId: ticket.organization_id, ticketId: ticket.id, confidential: ticket.confidential, type: 'ticket.updated',
        payload: { ticketId: ticket.id, reference: ticket.reference, status: 'open', priority: ticket.priority, teamId: ticket.team_id, assigneeId: ticket.assignee_id, changes: ['status'] },
      });
    }
    await recordEvents(manager, events);
    ticket.status = opened ? 'open' : ticket.status;
    return id;
  }

  /** The letter's own message, marked as sent when it leaves by hand, post or email. */
  async markDispatched(manager: EntityManager, ticket: TicketRow, messageId: string, at: Date, method: string): Promise<void> {
    await manager.query(
      `UPDATE messages SET delivery_status = 'sent', sent_at = $2, metadata = jsonb_set(metadata, '{letter,dispatch}', $3::jsonb) WHERE id = $1`,
      [messageId, at, JSON.stringify({ method, at: at.toISOString() })],
    );
    await recordEvents(manager, [{
      organizationId: ticket.organization_id, ticketId: ticket.id, confidential: ticket.confidential, type: 'message.updated',
      payload: { ticketId: ticket.id, messageId, direction: 'outbound', deliveryStatus: 'sent' },
    }]);
  }
}
