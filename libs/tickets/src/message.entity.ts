import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MessageDirection = { Inbound: 'inbound', Outbound: 'outbound', Note: 'note', Event: 'event' } as const;
export type MessageDirection = (typeof MessageDirection)[keyof typeof MessageDirection];

export const DeliveryStatus = { Queued: 'queued', Sending: 'sending', Sent: 'sent', Delivered: 'delivered', Read: 'read', Failed: 'failed' } as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

export interface StoredAttachment {
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
}

@Entity('messages')
export class Message {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid') ticketId: string;
  @Column('text') direction: MessageDirection;
  @Column('uuid', { nullable: true }) channelAccountId: string | null;
  @Column('text', { nullable: true }) externalId: string | null;
  @Column('uuid', { nullable: true }) authorUserId: string | null;
  @Column('uuid', { nullable: true }) senderContactId: string | null;
  @Column('text', { nullable: true }) senderName: string | null;
  @Column('text') body: string;
  @Column('text', { nullable: true }) html: string | null;
  @Column('jsonb') attachments: StoredAttachment[];
  @Column('text', { nullable: true }) deliveryStatus: DeliveryStatus | null;
  @Column('text', { nullable: true }) failureReason: string | null;
  @Column('integer') attempts: number;
  @Column('jsonb') metadata: Record<string, unknown>;
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
