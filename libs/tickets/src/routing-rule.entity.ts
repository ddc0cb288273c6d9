import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TicketPriority } from './ticket.entity';

export interface RoutingConditions {
  channels?: string[];
  types?: string[];
  genders?: ('male' | 'female')[];
  branchIds?: string[];
  /** Any of these words in the subject or text (Arabic-normalised). */
  keywords?: string[];
}

@Entity('routing_rules')
export class RoutingRule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('integer') position: number;
  @Column('text') name: string;
  @Column('boolean') enabled: boolean;
  @Column('jsonb') conditions: RoutingConditions;
  @Column('uuid', { nullable: true }) teamId: string | null;
  @Column('text', { nullable: true }) priority: TicketPriority | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
