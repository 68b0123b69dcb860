import { describe, expect, it } from 'vitest';
import { slaDeadline } from './sla.ts';
import type { CategoryInfo } from './types.ts';

const category = (normal: CategoryInfo['sla']['normal']): CategoryInfo => ({
  code: 'c',
  zh: 'c',
  en: 'c',
  group: 'other',
  matterName: null,
  sla: { normal, urgent: { unit: 'hours', n: 2 } },
  duplicateRadiusM: 50,
  duplicateWindowHours: 24,
  videoAi: false,
  version: 1,
});

describe('the dispatch form default deadline (the domain rule, not weekdays only)', () => {
  it('skips the National Day holiday and counts an adjusted working Saturday, at the same time of day (China)', () => {
    const twoDays = category({ unit: 'working_days', n: 2 });
    // Tuesday 2025-09-30 10:00 China time; 1–8 October 2025 are holidays: Thursday 9, Friday 10.
    expect(slaDeadline(twoDays, 'normal', new Date('2025-09-30T02:00:00Z'))?.toISOString()).toBe(
      '2025-10-10T02:00:00.000Z',
    );
    // Thursday 9 October: Friday 10, then Saturday 11 October, a working day (调休) — weekdays only said Monday.
    expect(slaDeadline(twoDays, 'normal', new Date('2025-10-09T02:00:00Z'))?.toISOString()).toBe(
      '2025-10-11T02:00:00.000Z',
    );
  });

  it('counts clock hours for hour deadlines', () => {
    const at = new Date('2025-09-30T02:00:00Z');
    expect(slaDeadline(category({ unit: 'hours', n: 24 }), 'normal', at)?.toISOString()).toBe(
      '2025-10-01T02:00:00.000Z',
    );
  });

  it('leaves it to the server where the shipped calendar ends (TIME-4), or without a category', () => {
    expect(
      slaDeadline(category({ unit: 'working_days', n: 5 }), 'normal', new Date('2099-06-01T00:00:00Z')),
    ).toBeNull();
    expect(slaDeadline(undefined, 'normal')).toBeNull();
  });
});
