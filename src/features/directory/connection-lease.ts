import type { Knex } from 'knex';
import { isUuid } from '../../lib/uuid.js';

/** A run lost its lease (it ran past it and another run took over): it must not commit another batch. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/** What holds a connection: its sync, or its contact reconciliation. Each has its own lease, so they do not block each other. */
export type LeaseKind = 'sync' | 'reconciliation';

const COLUMNS: Record<LeaseKind, { holder: string; until: string }> = {
  sync: { holder: 'lease_run_id', until: 'lease_until' },
  reconciliation: { holder: 'reconcile_lease_run_id', until: 'reconcile_lease_until' },
};

/**
 * One run of a kind per connection at a time, across processes: a holder id and an expiry on the connection row,
 * taken by a conditional UPDATE (a row lock decides between two workers). A holder renews it as it makes progress;
 * one that dies lets it expire, and the next run takes over.
 */
export class ConnectionLease {
  private readonly holder: string;
  private readonly until: string;

  constructor(
    kind: LeaseKind,
    private readonly ms: number,
  ) {
    ({ holder: this.holder, until: this.until } = COLUMNS[kind]);
  }

  /** Takes the lease for `holderId` unless a live one is held; true when taken. */
  async take(db: Knex, connectionId: string, holderId: string): Promise<boolean> {
    if (!isUuid(connectionId)) return false;
    const taken = await db('directory_connections')
      .where({ id: connectionId })
      .andWhere((q) => q.whereNull(this.until).orWhere(this.until, '<', db.fn.now()))
      .update({ [this.holder]: holderId, ...this.extension(db) });
    return taken > 0;
  }

  /**
   * Takes the lease for a run recorded earlier (queued by a request): it is still `holderId`'s, or free again.
   * False when another run holds it.
   */
  async reclaim(db: Knex, connectionId: string, holderId: string): Promise<boolean> {
    const taken = await db('directory_connections')
      .where({ id: connectionId })
      .andWhere((q) =>
        q.where(this.holder, holderId).orWhereNull(this.until).orWhere(this.until, '<', db.fn.now()),
      )
      .update({ [this.holder]: holderId, ...this.extension(db) });
    return taken > 0;
  }

  /**
   * Writes `columns` of the connection (a run's progress) and extends the lease, only while `holderId` holds it; throws
   * LeaseLostError otherwise, so the caller's transaction rolls back.
   */
  async saveProgress(
    db: Knex,
    connectionId: string,
    holderId: string,
    columns: Record<string, unknown>,
  ): Promise<void> {
    const saved = await db('directory_connections')
      .where({ id: connectionId, ...this.heldBy(holderId) })
      .update({ ...columns, ...this.extension(db) });
    if (saved === 0) throw new LeaseLostError(`Run ${holderId} lost its lease on connection ${connectionId}`);
  }

  /** The columns that extend the lease, for an update that writes other columns of the connection too. */
  extension(db: Knex): Record<string, Knex.Raw> {
    return { [this.until]: db.raw("now() + ? * interval '1 millisecond'", [this.ms]) };
  }

  /** The condition that the lease is still `holderId`'s: an update under it that touches no row lost the lease. */
  heldBy(holderId: string): Record<string, string> {
    return { [this.holder]: holderId };
  }

  /** Whether a live lease holds the connection (the caller holds its row lock, so none is taken meanwhile). */
  async isHeld(db: Knex, connectionId: string): Promise<boolean> {
    const row = await db('directory_connections')
      .where({ id: connectionId })
      .where(this.until, '>=', db.fn.now())
      .first(db.raw('1 AS held'));
    return row !== undefined;
  }

  /** Extends the lease; false when it is no longer `holderId`'s (it expired and another run took it). */
  async renew(db: Knex, connectionId: string, holderId: string): Promise<boolean> {
    return (
      (await db('directory_connections')
        .where({ id: connectionId, ...this.heldBy(holderId) })
        .update(this.extension(db))) > 0
    );
  }

  async release(db: Knex, connectionId: string, holderId: string): Promise<void> {
    await db('directory_connections')
      .where({ id: connectionId, ...this.heldBy(holderId) })
      .update({ [this.holder]: null, [this.until]: null });
  }
}
