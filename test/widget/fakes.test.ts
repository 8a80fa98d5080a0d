import { describe, expect, it } from 'vitest';
import { fakeSlotClient } from './fakes.ts';
import { clinicRules, NOW } from './fixtures.ts';

const QUERY = { appointmentTypeId: 'checkup', from: '2024-12-03', to: '2024-12-03', now: NOW };

async function outcome(job: Promise<unknown>): Promise<string> {
  return job.then(
    () => 'answered',
    (error: { code?: string }) => `rejected ${error.code}`,
  );
}

describe('the fake slot client', () => {
  it('rejects a job with ABORTED when a newer job takes its lane, and answers the newer one', async () => {
    const client = fakeSlotClient();
    client.hold = true;
    const older = outcome(client.slots(clinicRules(), QUERY, { lane: 'month' }));
    const other = outcome(client.slots(clinicRules(), QUERY, { lane: 'prefetch' }));
    const newer = outcome(client.slots(clinicRules(), QUERY, { lane: 'month' }));
    client.hold = false;
    client.release();
    expect(await older).toBe('rejected ABORTED');
    expect(await other).toBe('answered');
    expect(await newer).toBe('answered');
  });

  it('rejects a job with ABORTED when its signal aborts, before or while it runs', async () => {
    const client = fakeSlotClient();
    const before = new AbortController();
    before.abort();
    expect(await outcome(client.slots(clinicRules(), QUERY, { signal: before.signal }))).toBe(
      'rejected ABORTED',
    );
    client.hold = true;
    const during = new AbortController();
    const job = outcome(client.slots(clinicRules(), QUERY, { signal: during.signal }));
    during.abort();
    client.release();
    expect(await job).toBe('rejected ABORTED');
  });
});
