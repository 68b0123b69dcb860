import { chinaDate } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import { eventNo, type CaseOpenPort } from '../events/index.ts';
import type { CaseOpener } from './open.ts';

/*
 * An event handled as "case to be filed" (SPEC §3 → §5) opens its case through this port, in the handling step's
 * transaction: the act is the event's (its matter, town, place and the day it was reported), the party as the officer
 * named it. The case stores the event (source `event`), the event the case's id and number.
 */
export function eventCaseOpener(open: CaseOpener): CaseOpenPort {
  return async (tx, e, c) => {
    if (!e.matterId || !e.townId)
      throw new DomainError('CASE_OPEN_REFUSED', [
        {
          path: 'event.matterId',
          rule: 'CASE-MATTER',
          message: {
            zh: '事件尚未确定对应的执法事项或所在乡镇，不能立案（请先受理分拨）',
            en: 'The event has no matter or town yet: triage it before filing a case',
          },
        },
      ]);
    const day = chinaDate(e.reportedAt);
    const row = await open(
      tx,
      {
        source: 'event',
        sourceEventId: e.id,
        sourceRef: eventNo(e),
        matterId: e.matterId,
        townId: e.townId,
        lng: e.lng,
        lat: e.lat,
        act: { date: day, endDate: null, discoveredOn: day, place: e.address, harmToLifeHealthSafetyFinance: false },
        party: c.party
          ? {
              kind: c.party.kind,
              name: c.party.name,
              idNumber: null,
              address: null,
              priorViolations: 0,
              electronicServiceConsent: false,
            }
          : null,
        summary: `${c.note}（${eventNo(e)}：${e.description}）`.slice(0, 2000),
        flags: [],
      },
      { audit: c.actor, name: c.actorName },
      c.now,
    );
    return { id: row.id, number: row.number };
  };
}
