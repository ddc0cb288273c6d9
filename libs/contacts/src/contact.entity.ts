import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ContactKind = {
  Beneficiary: 'beneficiary', Member: 'member', Volunteer: 'volunteer', Donor: 'donor', Complainant: 'complainant', Other: 'other',
} as const;
export type ContactKind = (typeof ContactKind)[keyof typeof ContactKind];

export const Gender = { Male: 'male', Female: 'female' } as const;
export type Gender = (typeof Gender)[keyof typeof Gender];

@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('text', { nullable: true }) name: string | null;
  @Column('text', { nullable: true }) gender: Gender | null;
  @Column('text') kind: ContactKind;
  @Column('uuid', { nullable: true }) branchId: string | null;
  @Column('text', { nullable: true }) notes: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
