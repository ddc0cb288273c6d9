import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IdentityKind } from './identity-normalizer';

@Entity('contact_identities')
export class ContactIdentity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid') contactId: string;
  @Column('text') kind: IdentityKind;
  @Column('text') value: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
