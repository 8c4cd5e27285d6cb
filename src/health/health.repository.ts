import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Whether PostgreSQL answers. */
@Injectable()
export class HealthRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Resolves when the database answers a trivial statement; rejects with the driver's error otherwise. */
  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }
}
