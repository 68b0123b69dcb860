import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../test/events-support.ts';
import { buildEvent, eventWorld, type EventWorld } from '../../test/factories.ts';
import { sample } from '../../test/file-samples.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/*
 * The party's signature at handling (issue 11 §7): drawn on the phone and uploaded as a platform file (kind
 * `signature`), named in the step as `{signer, imageFileId}` and linked to the event as evidence; or an explicit
 * refusal `{signer, refused: true}`, which the on-the-spot decision records as the refusal to sign (APL-51).
 */
describe.each(DRIVERS)('party signature at handling on %s', (driver) => {
  let s: TestServer;
  let w: EventWorld;
  let officer: string;
  beforeAll(async () => {
    s = await testServer(driver);
    w = await eventWorld(s);
    officer = await s.login('officer');
  });
  afterAll(() => s?.close());

  const post = (url: string, payload: object) => s.call({ method: 'POST', url, payload, cookie: officer });
  const signature = async () => {
    const png = sample('png', 700);
    const body = multipart(png, 'signature.png', 'image/png');
    const res = await s.call({
      method: 'POST',
      url: '/api/files?kind=signature',
      cookie: officer,
      payload: body.payload,
      headers: { ...body.headers, 'x-content-sha256': sha(png) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const rectify = (id: string, partySignature: object) =>
    post(`/api/events/${id}/handle`, {
      outcome: 'rectification',
      version: 1,
      note: '责令限期整改',
      dueDate: '2026-12-20',
      party: { kind: 'citizen', name: '陈七' },
      partySignature,
    });

  it('links a drawn signature to the event and keeps {signer, imageFileId} with the outcome', async () => {
    const e = await buildEvent(s, w, 'accepted');
    const fileId = await signature();
    const res = await rectify(e.id, { signer: '陈七', imageFileId: fileId });
    expect(res.statusCode, res.body).toBe(200);
    const [link] = await s.database.query<{ kind: string }>(
      'SELECT kind FROM event_files WHERE event_id = $1 AND file_id = $2',
      [e.id, fileId],
    );
    expect(link).toEqual({ kind: 'signature' });
    const [row] = await s.database.query<{ outcome_detail: Record<string, unknown> }>(
      'SELECT outcome_detail FROM events WHERE id = $1',
      [e.id],
    );
    expect(row!.outcome_detail['partySignature']).toEqual({ signer: '陈七', imageFileId: fileId });
    // A signature is evidence, not a photo of the scene.
    const detail = (await s.call({ method: 'GET', url: `/api/events/${e.id}`, cookie: officer })).json();
    expect(detail.photos.map((p: { id: string }) => p.id)).not.toContain(fileId);
    // The file is seen as the event is, and its custody names the link's reader.
    expect((await s.call({ method: 'GET', url: `/api/files/${fileId}`, cookie: officer })).statusCode).toBe(200);
  });

  it('records an explicit refusal; a typed name alone or someone else’s file is not a signature', async () => {
    const e = await buildEvent(s, w, 'accepted');
    const typed = await rectify(e.id, { signer: '陈七' });
    expect(typed.statusCode).toBe(400);
    const other = await s.login('officer2');
    const png = sample('png', 701);
    const body = multipart(png, 'signature.png', 'image/png');
    const foreign = await s.call({
      method: 'POST',
      url: '/api/files?kind=signature',
      cookie: other,
      payload: body.payload,
      headers: { ...body.headers, 'x-content-sha256': sha(png) },
    });
    const notMine = await rectify(e.id, { signer: '陈七', imageFileId: foreign.json().id });
    expect(notMine.statusCode).toBe(422);
    const refused = await rectify(e.id, { signer: '陈七', refused: true });
    expect(refused.statusCode, refused.body).toBe(200);
    const [row] = await s.database.query<{ outcome_detail: Record<string, unknown> }>(
      'SELECT outcome_detail FROM events WHERE id = $1',
      [e.id],
    );
    expect(row!.outcome_detail['partySignature']).toEqual({ signer: '陈七', refused: true });
  });
});
