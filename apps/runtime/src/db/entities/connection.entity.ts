import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Stored credentials for one connector; secrets are AES-256-GCM encrypted and write-only. */
@Entity('connections')
export class ConnectionEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') connector!: string;
  @Column('text') name!: string;
  @Column('jsonb') config!: Record<string, unknown>;
  @Column('bytea', { nullable: true }) secrets!: Buffer | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
