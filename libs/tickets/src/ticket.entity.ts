import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ChannelKind, TicketType } from '@inbox/channels/contract';

export const TicketStatus = { New: 'new', Open: 'open', Pending: 'pending', Resolved: 'resolved', Closed: 'closed' } as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];
export const OPEN_STATUSES: TicketStatus[] = ['new', 'open', 'pending'];

export const TicketPriority = { Low: 'low', Normal: 'normal', High: 'high', Urgent: 'urgent' } as const;
export type TicketPriority = (typeof TicketPriority)[keyof typeof TicketPriority];

export { TicketTypeHint as TicketType } from '@inbox/channels/contract';

@Entity('tickets')
export class Ticket {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('text') reference: string;
  @Column('text') subject: string;
  @Column('text') type: TicketType;
  @Column('text') status: TicketStatus;
  @Column('text') priority: TicketPriority;
  @Column('text') channelKind: ChannelKind;
  @Column('uuid', { nullable: true }) channelAccountId: string | null;
  @Column('uuid') contactId: string;
  @Column('uuid', { nullable: true }) teamId: string | null;
  @Column('uuid', { nullable: true }) assigneeId: string | null;
  @Column('uuid', { nullable: true }) branchId: string | null;
  @Column('boolean') confidential: boolean;
  @Column('timestamptz', { nullable: true }) firstResponseDueAt: Date | null;
  @Column('timestamptz', { nullable: true }) resolutionDueAt: Date | null;
  @Column('timestamptz', { nullable: true }) decisionDueAt: Date | null;
  @Column('timestamptz', { nullable: true }) nextResponseDueAt: Date | null;
  /** Set while the ticket waits on the customer (pending): the deadline clocks stand still. */
  @Column('timestamptz', { nullable: true }) pausedAt: Date | null;
  @Column('timestamptz', { nullable: true }) firstRespondedAt: Date | null;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  @Column('timestamptz') lastActivityAt: Date;
  @Column('text') lastMessagePreview: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
