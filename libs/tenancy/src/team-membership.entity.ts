import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('team_memberships')
export class TeamMembership {
  @PrimaryColumn('uuid') teamId: string;
  @PrimaryColumn('uuid') userId: string;
  @Column('uuid') organizationId: string;
  @Column('boolean') lead: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
