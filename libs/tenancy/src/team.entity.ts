import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TeamPurpose, TeamSection } from './roles';

@Entity('teams')
export class Team {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid', { nullable: true }) branchId: string | null;
  @Column('text') nameAr: string;
  @Column('text') nameEn: string;
  @Column('text') section: TeamSection;
  @Column('text') purpose: TeamPurpose;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
