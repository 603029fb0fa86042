import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { FlowDocument } from '@braid/flow-schema';

/** A flow: its editable draft, validation problems, and which immutable version is live. */
@Entity('flows')
export class FlowEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('jsonb') draft!: FlowDocument;
  @Column('jsonb', { name: 'draft_problems' }) draftProblems!: unknown[];
  @Column('uuid', { name: 'active_version_id', nullable: true }) activeVersionId!: string | null;
  @Column('boolean') enabled!: boolean;
  /** Connection slot → stored connection id. */
  @Column('jsonb') bindings!: Record<string, string>;
  /** Template parameter values. */
  @Column('jsonb') params!: Record<string, unknown>;
  @Column('jsonb', { nullable: true }) origin!: Record<string, unknown> | null;
  /** Set when the flow was uninstalled; archived flows keep their runs but leave the list. */
  @Column('timestamptz', { name: 'archived_at', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
