import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';
import { eventWorld, type EventWorld } from '../../test/factories.ts';
import { usccCheckChar } from '@openenforce/domain/cases';

const uscc = (first17: string) => first17 + usccCheckChar(first17)!;

describe.each(['pglite'] as const)('cases on %s', (driver) => {
  let s: TestServer;
  let w: EventWorld;
  const c: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer(driver);
    w = await eventWorld(s);
    for (const u of ['officer', 'leader', 'officer2', 'reviewer', 'supervisor']) c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const post = (url: string, payload: object, who: string) => s.call({ method: 'POST', url, payload, cookie: c[who] });
  const get = (url: string, who: string) => s.call({ method: 'GET', url, cookie: c[who] });

  it('opens a case and takes the first step', async () => {
    const res = await post(
      '/api/cases',
      {
        matterId: w.matterId,
        townId: w.townId,
        act: { date: '2026-11-20', discoveredOn: '2026-11-21', place: '泽国镇某路' },
        party: { kind: 'organisation', name: '某餐饮有限公司', idNumber: uscc('91331081MA2AXXXX0') },
        summary: '路边暴露垃圾',
      },
      'officer',
    );
    console.log(res.statusCode, res.body);
    const id = res.json().id;
    let r = await post(`/api/cases/${id}/steps/file`, { version: 1, reason: '符合立案条件' }, 'officer');
    console.log(r.statusCode, r.body);
    r = await post(
      `/api/cases/${id}/steps/approve_filing`,
      { version: 2, approved: true, opinion: '同意立案' },
      'leader',
    );
    console.log(r.statusCode, r.body);
    r = await get(`/api/cases/${id}`, 'officer');
    console.log(r.statusCode, r.body);
    r = await get(`/api/cases/${id}/actions`, 'officer');
    console.log(r.statusCode, r.body.slice(0, 1500));
    r = await get(`/api/cases`, 'officer');
    console.log(r.statusCode, r.body.slice(0, 1500));
  });
});
