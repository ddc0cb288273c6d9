import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') slug: string;
  @Column('text') nameAr: string;
  @Column('text') nameEn: string;
  @Column('text') timeZone: string;
  @Column('smallint', { array: true }) workDays: number[];
  @Column('integer') workStartMinute: number;
  @Column('integer') workEndMinute: number;
  @Column('text') referenceCalendar: 'hijri' | 'gregorian';
  @Column('integer') firstResponseMinutes: number;
  @Column('integer') resolutionMinutes: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
