import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A canned reply. Its body may hold {{contact.name}}, {{ticket.reference}}, {{agent.name}} and {{organization.name}}, filled in the composer. */
@Entity('reply_templates')
export class ReplyTemplate {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('text') name: string;
  @Column('text') locale: 'ar' | 'en';
  @Column('text') body: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const TEMPLATE_VARIABLES = ['contact.name', 'ticket.reference', 'agent.name', 'organization.name', 'date.hijri', 'date.gregorian'] as const;
