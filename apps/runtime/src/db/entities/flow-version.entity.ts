import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { FlowDocument } from '@braid/flow-schema';

/** An immutable, content-hashed version of a flow document. */
@Entity('flow_versions')
export class FlowVersionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'flow_id' }) flowId!: string;
  @Column('integer') version!: number;
  @Column('text', { name: 'content_hash' }) contentHash!: string;
  @Column('jsonb') document!: FlowDocument;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
