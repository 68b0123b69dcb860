import { CASE_STATE_LABELS, EVIDENCE_TYPE_LABELS, type CaseDetail, type CaseSummary } from '@openenforce/domain/cases';
import { maskIdNumber, maskName, maySeePersonalData } from '@openenforce/domain/privacy';
import type { Permission } from '@openenforce/domain/organization';
import type { CaseListRow, CaseRecord, CaseRow } from './cases.repository.ts';
import type { CasesService } from './cases.service.ts';

/*
 * Cases as the API shows them. Personal data (the party's name, ID number, address) is shown in full to those who work
 * the case (handling, approving, reviewing) and to `pii.read`; everyone else reads it masked (domain/privacy), as do
 * public and exported views.
 */

/** Whether the reader works cases (and so sees the party as the documents name it). */
export const seesParty = (permissions: readonly Permission[]) =>
  maySeePersonalData(permissions) ||
  permissions.includes('case.handle') ||
  permissions.includes('case.approve') ||
  permissions.includes('case.review');

export function presentSummary(
  c: CaseRow,
  o: { teamName: string | null; full: boolean; colour?: CaseListRow['colour']; nextDueAt?: Date | null },
): CaseSummary {
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    statusLabel: CASE_STATE_LABELS[c.status],
    procedure: c.procedure,
    source: c.source,
    matterId: c.matterId,
    matterName: c.matterName,
    townId: c.townId,
    teamId: c.teamId,
    teamName: o.teamName,
    partyName: o.full ? c.partyName : maskName(c.partyName),
    partyKind: c.partyKind,
    actDate: c.actDate,
    openedAt: c.openedAt.toISOString(),
    colour: o.colour ?? 'none',
    nextDueAt: o.nextDueAt ? o.nextDueAt.toISOString() : null,
    fineDecidedFen: c.fineDecidedFen,
    version: c.version,
  };
}

type Detail = Awaited<ReturnType<CasesService['detail']>>;

export function presentDetail(d: Detail, full: boolean): CaseDetail {
  const r: CaseRecord = d.row;
  const f = d.facts;
  const running = d.clocks.filter((c) => c.dueAt !== null);
  const colour = running.some((c) => c.level === 'red')
    ? 'red'
    : running.some((c) => c.level === 'yellow')
      ? 'yellow'
      : 'none';
  const next = running.map((c) => c.dueAt!).sort()[0] ?? null;
  const filesById = new Map(d.files.map((x) => [x.id, x]));
  const { settings: _s, calendar: _c, ...facts } = f;
  void _s;
  void _c;
  const party = full
    ? facts.party
    : facts.party
      ? { ...facts.party, name: maskName(facts.party.name) ?? '', address: null }
      : null;
  return {
    ...presentSummary(r, { teamName: d.teamName, full, colour, nextDueAt: next ? new Date(next) : null }),
    agency: { id: f.agency.id, name: f.agency.name },
    subjectName: r.subjectName,
    matterVersion: r.matterVersion,
    jurisdiction: r.jurisdiction,
    applicable: r.applicable,
    act: {
      date: r.actDate,
      endDate: f.act?.endDate ?? null,
      discoveredOn: f.act?.discoveredOn ?? r.actDate,
      place: r.actPlace,
    },
    party: r.partyKind
      ? {
          kind: r.partyKind,
          name: (full ? r.partyName : maskName(r.partyName)) ?? '',
          idNumber: full ? r.partyIdNumber : maskIdNumber(r.partyIdNumber),
          address: full ? r.partyAddress : null,
        }
      : null,
    summary: r.summary,
    sourceEventId: r.sourceEventId,
    sourceRef: r.sourceRef,
    fineProposedFen: r.fineProposedFen,
    fineNotifiedFen: r.fineNotifiedFen,
    flags: [...f.flags],
    facts: { ...facts, party } as unknown as Record<string, unknown>,
    timeline: d.timeline.map((s) => ({
      id: s.id,
      at: s.at.toISOString(),
      action: s.action,
      fromStatus: s.fromStatus,
      toStatus: s.toStatus,
      actorRole: s.actorRole,
      actorName: s.actorName,
      reason: s.reason,
      detail: s.detail,
    })),
    clocks: d.clocks,
    evidence: f.evidence.map((e) => ({
      id: e.id,
      type: e.type,
      typeLabel: EVIDENCE_TYPE_LABELS[e.type],
      source: e.source,
      capturedAt: e.capturedAt ? e.capturedAt.toISOString() : null,
      place: e.place,
      device: e.device,
      reviewStatus: e.reviewStatus,
      files: e.fileIds
        .map((id) => filesById.get(id))
        .filter((x) => x !== undefined)
        .map((x) => ({
          id: x.id,
          mime: x.mime,
          bytes: x.bytes,
          capturedAt: x.capturedAt ? x.capturedAt.toISOString() : null,
        })),
    })),
  };
}
