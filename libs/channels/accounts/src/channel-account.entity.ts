import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ChannelKind } from '@inbox/channels/contract';

@Entity('channel_accounts')
export class ChannelAccount {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid', { nullable: true }) branchId: string | null;
  @Column('text') kind: ChannelKind;
  @Column('text') name: string;
  @Column('jsonb') settings: Record<string, unknown>;
  /** AES-GCM sealed JSON of the account's secrets; never returned by the API. */
  @Column('text', { nullable: true, select: false }) sealedSecrets: string | null;
  @Column('boolean') enabled: boolean;
  @Column('text') health: string;
  @Column('text', { nullable: true }) healthDetail: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
