import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AuthUser, Role } from '../auth/auth-user';

/**
 * A person who logs in: administrator, coordinator, organisation contact, representative or finance officer.
 * The email is stored lower-case and unique. `passwordHash` is Argon2id (null until an invitation is accepted);
 * it is never selected unless asked for.
 */
@Entity({ name: 'user_account' })
export class UserAccount {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { array: true, default: () => "'{}'" })
  roles: Role[];

  /** For representatives: their person record. */
  @Column('uuid', { name: 'person_id', nullable: true })
  personId: string | null;

  /** For organisation contacts. */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  /** For finance: the paying body (payer code) whose batches they approve. */
  @Column('text', { name: 'payer_code', nullable: true })
  payerCode: string | null;

  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column('int', { name: 'failed_logins', default: 0 })
  failedLogins: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  @Column('timestamptz', { name: 'last_login_at', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;
}

/** The request's view of an account (what the guard puts on `req.user`). */
export function toAuthUser(u: UserAccount): AuthUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: [...u.roles],
    personId: u.personId,
    organisationId: u.organisationId,
    payerCode: u.payerCode,
  };
}

/** A coordinator coordinates these groups (the `group` scope). */
@Entity({ name: 'group_coordinator' })
export class GroupCoordinator {
  @PrimaryColumn('uuid', { name: 'group_id' })
  groupId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
