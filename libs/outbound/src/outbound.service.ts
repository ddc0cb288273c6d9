import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelAdapterRegistry, ChannelKind, OutboundMessage, PermanentSendError, SendElsewhereError } from '@inbox/channels/contract';
import { JobContext, JobQueue } from '@inbox/jobs';
import { recordEvents } from '@inbox/realtime';
import { DeliveryStatus, Message, Ticket } from '@inbox/tickets';

/** Forward-only order of what a channel can report back about a message it accepted. */
const DELIVERY_ORDER: DeliveryStatus[] = ['queued', 'sending', 'sent', 'delivered', 'read'];

/**
 * Delivers one queued outbound message through its channel's adapter. Runs in
 * the worker as a pg-boss job: a transient failure is recorded on the message
 * and thrown so the job retries with backoff; a permanent one, or the last
 * retry, marks the message failed with the reason. Never silent.
 */
@Injectable()
export class OutboundService {
  private readonly logger = new Logger(OutboundService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: ChannelAdapterRegistry,
    private readonly accounts: ChannelAccountsService,
    private readonly jobs: JobQueue,
  ) {}

  async deliver(messageId: string, job: JobContext): Promise<void> {
    const message = await this.dataSource.getRepository(Message).findOneBy({ id: messageId });
    if (!message || message.direction !== 'outbound' || !['queued', 'sending'].includes(message.deliveryStatus ?? '')) return;
    const ticket = await this.dataSource.getRepository(Ticket).findOneByOrFail({ id: message.ticketId });
    await this.setStatus(message, ticket, 'sending', { attempts: message.attempts + 1 });
    try {
      const outbound = await this.compose(message, ticket);
      const result = await this.registry.get(outbound.channel.kind).send(outbound);
      await this.setStatus(message, ticket, 'sent', {
        externalId: result.externalId, sentAt: new Date(), failureReason: null, metadata: { ...message.metadata, ...(result.metadata ?? {}) },
      });
    } catch (error) {
      // Another process runs the account: the message goes to that account's queue, queued again, no attempt spent.
      // Queued before the job exists, so the owner's 'sending' and 'sent' always come after it, never before.
      // (From that queue itself the owner has just let the account go: an ordinary retry, so the job does not circle.)
      if (error instanceof SendElsewhereError && error.queue !== job.queue) {
        await this.setStatus(message, ticket, 'queued', { attempts: message.attempts });
        if (await this.jobs.send(error.queue, { messageId })) return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      const final = error instanceof PermanentSendError || job.retryCount >= job.retryLimit;
      this.logger.warn(`outbound ${messageId} attempt ${job.retryCount + 1} failed${final ? ' for good' : ''}: ${reason}`);
      await this.setStatus(message, ticket, final ? 'failed' : 'queued', { failureReason: reason.slice(0, 1000) });
      if (!final) throw error;
    }
  }

  /**
   * A sent message came back undelivered (an email bounce, found by the
   * external id its adapter returned: the Message-ID): it is marked failed
   * with the remote server's reason, visible on the message like any other
   * failure. Answers whether such a message was found.
   */
  async markFailedByExternalId(channelAccountId: string, externalIds: string[], reason: string): Promise<boolean> {
    if (externalIds.length === 0) return false;
    const message = await this.dataSource.getRepository(Message).findOne({
      where: { channelAccountId, externalId: In(externalIds), direction: 'outbound' }, order: { createdAt: 'DESC' },
    });
    if (!message) return false;
    if (message.deliveryStatus === 'failed' && message.failureReason === reason) return true;
    const ticket = await this.dataSource.getRepository(Ticket).findOneByOrFail({ id: message.ticketId });
    this.logger.warn(`outbound ${message.id} bounced: ${reason}`);
    await this.setStatus(message, ticket, 'failed', { failureReason: reason.slice(0, 1000) });
    return true;
  }

  /**
   * The channel reported what became of a message it accepted (WhatsApp acks,
   * Cloud API statuses), found by the external id its adapter returned.
   * Statuses only move forward (sent, delivered, read): a late "delivered"
   * after "read" changes nothing; "failed" always wins and keeps the reason.
   * Answers whether such a message was found, so a caller whose ack raced the
   * send job's commit can try again.
   */
  async recordDeliveryByExternalId(
    channelAccountId: string, externalId: string, status: 'sent' | 'delivered' | 'read' | 'failed', reason?: string,
  ): Promise<boolean> {
    if (status === 'failed') return this.markFailedByExternalId(channelAccountId, [externalId], reason ?? 'The channel reported the message undelivered');
    const message = await this.dataSource.getRepository(Message).findOne({
      where: { channelAccountId, externalId, direction: 'outbound' }, order: { createdAt: 'DESC' },
    });
    if (!message) return false;
    const current = message.deliveryStatus ?? 'queued';
    if (current === 'failed' || DELIVERY_ORDER.indexOf(current) >= DELIVERY_ORDER.indexOf(status)) return true;
    const ticket = await this.dataSource.getRepository(Ticket).findOneByOrFail({ id: message.ticketId });
    await this.setStatus(message, ticket, status, {});
    return true;
  }

  private async compose(message: Message, ticket: Ticket): Promise<OutboundMessage> {
    if (!message.channelAccountId) throw new PermanentSendError('The ticket has no channel account to send on');
    const account = await this.dataSource.query(`SELECT kind, settings FROM channel_accounts WHERE id = $1`, [message.channelAccountId]);
    if (!account[0]) throw new PermanentSendError('The channel account was removed');
    const [contact] = await this.dataSource.query(`SELECT name FROM contacts WHERE id = $1`, [ticket.contactId]);
    // A reply the agent addressed to one identity of the contact puts that identity first; adapters take the first they can reach.
    const chosen = typeof message.metadata?.toIdentityId === 'string' ? message.metadata.toIdentityId : null;
    const identities: { kind: string; value: string }[] = await this.dataSource.query(
      `SELECT kind, value FROM contact_identities WHERE contact_id = $1 ORDER BY (id = $2) DESC, created_at`, [ticket.contactId, chosen],
    );
    const thread: { external_id: string }[] = await this.dataSource.query(
      `SELECT external_id FROM messages WHERE ticket_id = $1 AND external_id IS NOT NULL AND direction IN ('inbound', 'outbound') AND created_at <= $2
       ORDER BY created_at, id`,
      [ticket.id, message.createdAt],
    );
    const [author] = message.authorUserId ? await this.dataSource.query(`SELECT id, name FROM users WHERE id = $1`, [message.authorUserId]) : [];
    const references = thread.map((row) => row.external_id);
    return {
      messageId: message.id,
      organizationId: message.organizationId,
      ticket: { id: ticket.id, reference: ticket.reference, subject: ticket.subject },
      channel: {
        id: message.channelAccountId, kind: account[0].kind as ChannelKind, settings: account[0].settings,
        secrets: await this.accounts.secretsOf(message.channelAccountId),
      },
      recipient: { name: contact?.name ?? null, identities },
      text: message.body,
      html: message.html,
      attachments: message.attachments,
      thread: { inReplyTo: references[references.length - 1] ?? null, references },
      author: author ? { id: author.id, name: author.name } : null,
      metadata: message.metadata ?? {},
    };
  }

  private async setStatus(message: Message, ticket: Ticket, status: DeliveryStatus, changes: Partial<Message>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Message, { id: message.id }, { ...changes, deliveryStatus: status } as QueryDeepPartialEntity<Message>);
      await recordEvents(manager, [{
        organizationId: message.organizationId, ticketId: ticket.id, confidential: ticket.confidential, type: 'message.updated',
        payload: { ticketId: ticket.id, messageId: message.id, direction: 'outbound', deliveryStatus: status, failureReason: changes.failureReason ?? null },
      }]);
    });
    Object.assign(message, changes, { deliveryStatus: status });
  }
}
