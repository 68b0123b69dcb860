import { describe, expect, it } from 'vitest';
import { visibleTo, type LiveMessage, type NotificationLive } from './live.ts';
import type { Reader } from './notifications.repository.ts';

/** The hub relays any context's messages by town, and notifications to their addressees only. */
describe('who sees a live message', () => {
  const county: Reader = { userId: 'u1', teamIds: [], role: 'command_operator', scope: { kind: 'county' } };
  const town: Reader = { userId: 'u2', teamIds: ['t1'], role: 'officer', scope: { kind: 'town', townId: 'A' } };
  const note = (over: Partial<NotificationLive>): NotificationLive => ({
    kind: 'notification',
    id: 1,
    type: 'test',
    level: 'info',
    title: { zh: '通知', en: 'note' },
    subject: { type: 'inspection_like', id: 'x1', label: 'X-1' },
    townId: 'A',
    userId: null,
    teamId: null,
    role: null,
    createdAt: '2026-11-22T06:00:00.000Z',
    ...over,
  });

  it('a context message of any kind goes by its town', () => {
    const msg = (townId: string | null): LiveMessage => ({ kind: 'some_context', townId });
    expect([msg('A'), msg('B'), msg(null)].map((m) => visibleTo(town, m))).toEqual([true, false, false]);
    expect([msg('A'), msg('B'), msg(null)].map((m) => visibleTo(county, m))).toEqual([true, true, true]);
  });

  it('a notification goes to its addressees within their town; one about nothing to every addressee', () => {
    expect(visibleTo(town, note({ teamId: 't1' }))).toBe(true);
    expect(visibleTo(town, note({ teamId: 't2' }))).toBe(false);
    expect(visibleTo(town, note({ role: 'officer', townId: 'B' }))).toBe(false);
    expect(visibleTo(town, note({ role: 'officer', townId: null, subject: null }))).toBe(true);
    expect(visibleTo(county, note({ userId: 'u1', townId: 'B' }))).toBe(true);
    expect(visibleTo(county, note({ role: 'officer' }))).toBe(false);
  });
});
