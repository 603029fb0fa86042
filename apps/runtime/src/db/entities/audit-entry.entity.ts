import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what: publish, install, replay, resume, connection changes. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
  @Column('text') actor!: string;
  @Column('text') action!: string;
  @Column('text') subject!: string;
  @Column('jsonb', { nullable: true }) details!: Record<string, unknown> | null;
}
