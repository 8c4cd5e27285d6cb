// A workflow that imports from src/ (not deterministic code): lint must refuse the import.
import { proxyActivities } from '@temporalio/workflow';
import { NotFoundError } from '../../../src/common/errors';

const { ping } = proxyActivities<{ ping(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export async function importsSrcWorkflow(): Promise<void> {
  await ping();
  throw new NotFoundError('Finns inte.');
}
