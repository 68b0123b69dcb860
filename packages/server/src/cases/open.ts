import { randomUUID } from 'node:crypto';
import {
  applicableVersion,
  CASE_START_STATE,
  checkParty,
  clockStart,
  DEFAULT_CASE_NUMBER_PATTERN,
  DEFAULT_CASE_SETTINGS,
  formatCaseNumber,
  partyType,
  type CaseOpen,
  type PartyInput,
} from '@openenforce/domain/cases';
import type { MatterVersion } from '@openenforce/domain/catalog';
import { chinaDate } from '@openenforce/domain/common';
import { DomainError, type ErrorDetail } from '@openenforce/domain/errors';
import type { Reason } from '@openenforce/domain/workflow';
import { catalogRepository, type CatalogService } from '../catalog/index.ts';
import { agencyById, type RegionDirectory } from '../organization/index.ts';
import type { Actor } from '../platform/audit/index.ts';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { takeNumber } from '../platform/numbering/index.ts';
import { applyClocks, type RecordClocks } from '../platform/workflow/index.ts';
import { casesRepository as repo, type CaseRecord, type CaseRow } from './cases.repository.ts';
import { caseSteps } from './cases.schema.ts';
import { caseFacts, type StoredFacts } from './facts.ts';
import type { CalendarService } from '../platform/calendar/index.ts';
import { planClocks } from './clocks.ts';

/*
 * Opening a case (立案前的案源登记, issue 10 §1–3): the party checked (GB 11643 / GB 32100), the matter version that
 * applies (APL-37), the jurisdiction engine's decision for (matter, place, date of the act) — a refusal such as ZJ-9
 * refuses the case — the agency's gapless number (一案一码), the record in `lead` with its filing clock (APL-54), its
 * first timeline row and its audit record, all in the caller's transaction.
 */

/** Where a case comes from and what it is about, whatever the channel. */
export interface OpenInput extends Omit<CaseOpen, 'source' | 'townId' | 'lng' | 'lat'> {
  source: 'event' | CaseOpen['source'];
  sourceEventId?: string;
  townId: string;
  lng?: number | undefined;
  lat?: number | undefined;
}

/** The number issuer's kind for filing numbers (platform/numbering). */
export const CASE_NUMBER_SEQUENCE = 'case.filing';

const refuse = (reasons: readonly Reason[]) =>
  new DomainError(
    'CASE_OPEN_REFUSED',
    reasons.map((r): ErrorDetail => ({ path: r.path ?? 'body', rule: r.rule, message: { zh: r.zh, en: r.en } })),
  );

/**
 * The default abbreviation of an agency in case numbers (configuration per agency overrides it): 温岭市综合行政执法局 →
 * 温综执, 温岭市泽国镇人民政府 → 温泽政; else the agency's code.
 */
export function defaultAbbreviation(agency: { name: string; code: string }): string {
  const bureau = /^(.)[^市县区]*[市县区]综合行政执法局$/u.exec(agency.name);
  if (bureau) return `${bureau[1]}综执`;
  const town = /^(.)[^市县区]*[市县区](.)[^镇乡]*(?:镇|乡|街道)(?:人民政府|办事处)$/u.exec(agency.name);
  return town ? `${town[1]}${town[2]}政` : agency.code;
}

/** The record a new lead starts with (the domain's defaults: nothing investigated, noticed or decided yet). */
export function initialFacts(o: {
  teamId: string | null;
  agency: StoredFacts['agency'];
  matter: MatterVersion;
  party: PartyInput | null;
  act: OpenInput['act'];
  flags: OpenInput['flags'];
  discretion: OpenInput['discretion'];
}): StoredFacts {
  const m = o.matter;
  return {
    procedure: null,
    teamId: o.teamId,
    agency: o.agency,
    matter: {
      name: m.name,
      discretion: m.discretion,
      flags: m.flags,
      penaltyBasis: m.penaltyBasis,
      domain: m.domain,
      matterId: m.matterId,
      version: m.version,
    },
    jurisdictionRefusal: null,
    concurrentMatters: [],
    priorFineForSameAct: false,
    party: o.party
      ? {
          kind: o.party.kind,
          name: o.party.name,
          address: o.party.address,
          ...(o.party.ageAtAct === undefined ? {} : { ageAtAct: o.party.ageAtAct }),
          ...(o.party.mentalCapacity === undefined ? {} : { mentalCapacity: o.party.mentalCapacity }),
          priorViolations: o.party.priorViolations,
          electronicServiceConsent: o.party.electronicServiceConsent,
        }
      : null,
    act: {
      date: o.act.date,
      endDate: o.act.endDate,
      discoveredOn: o.act.discoveredOn,
      harmToLifeHealthSafetyFinance: o.act.harmToLifeHealthSafetyFinance,
    },
    flags: o.flags,
    discretion: o.discretion
      ? {
          tier: o.discretion.tier,
          circumstance: o.discretion.circumstance,
          factors: o.discretion.factors,
          ...(o.discretion.units === undefined ? {} : { units: o.discretion.units }),
          ...(o.discretion.baseAmountFen === undefined ? {} : { baseAmountFen: o.discretion.baseAmountFen }),
          support: {},
        }
      : null,
    investigators: [],
    formerInvestigatorIds: [],
    pendingRecusals: [],
    evidence: [],
    preservation: { status: 'none', approvedOn: null },
    seizure: { status: 'none', startedOn: null, extended: false },
    report: null,
    notice: null,
    hearing: null,
    legalReview: 'none',
    collectiveDiscussion: false,
    extension: { requestedDays: null, approvedDays: 0 },
    decision: null,
    service: null,
    payment: { dueFen: 0, paidFen: 0, dueOn: null, deferral: 'none', cashHandedInOn: null },
    reminder: null,
    challenges: [],
    transfer: null,
    published: false,
  };
}

export function createCaseOpener(
  deps: PlatformDeps,
  directory: RegionDirectory,
  catalog: CatalogService,
  calendar: CalendarService,
  clocks: RecordClocks<CaseRecord>,
) {
  /** Open a case in `tx` at `now` for `actor`; refusals name their rule (CASE_OPEN_REFUSED) and write nothing. */
  return async function open(
    tx: Db,
    o: OpenInput,
    actor: { audit: Actor; name: string | null },
    now: Date,
  ): Promise<CaseRow> {
    const today = chinaDate(now);
    // A lead may not know the party's number yet (a report from the street): the name is kept, and the number is
    // checked whenever it is given (GB 11643 / GB 32100 check digits).
    const problems: Reason[] = o.party
      ? checkParty({ kind: o.party.kind, name: o.party.name, idNumber: o.party.idNumber }).filter(
          (r) => o.party!.idNumber !== null || r.rule === 'CASE-PARTY-NAME',
        )
      : [];
    if (o.act.date > today || o.act.discoveredOn > today || o.act.discoveredOn < o.act.date)
      problems.push({
        rule: 'CASE-DATE',
        zh: '违法行为日期和发现日期不能晚于今天，发现日期不能早于行为日期',
        en: 'The act and discovery dates cannot be in the future, nor discovery before the act',
        path: 'body.act',
      });
    if (problems.length > 0) throw refuse(problems);
    const versions = (await catalogRepository.versions(tx, o.matterId)).map((r) => r.data);
    if (versions.length === 0)
      throw new DomainError('REFERENCE_INVALID', [{ path: 'body.matterId', rule: 'matter_exists' }]);
    // APL-37: the version in force at the act, or a later lighter one in force now.
    const applicable = applicableVersion(versions, o.act.date, today, partyType(o.party?.kind ?? 'citizen'));
    if (!applicable.ok) throw refuse([applicable.reason]);
    const town = directory.get(o.townId);
    if (!town || town.level !== 'town' || !town.townMode)
      throw new DomainError('REFERENCE_INVALID', [{ path: 'body.townId', rule: 'town_exists' }]);
    // Jurisdiction for (matter, place, date of the act): who acts, in whose name (ZJ-9 and the JUR rules refuse).
    const jurisdiction = await catalog.resolveCached(
      o.matterId,
      { townId: town.id, townMode: town.townMode },
      o.act.date,
      tx,
    );
    if (!jurisdiction.ok)
      throw refuse([
        { rule: jurisdiction.ruleId, zh: jurisdiction.reason.zh, en: jurisdiction.reason.en, path: 'body.matterId' },
      ]);
    const agency = await agencyById(tx, jurisdiction.agency.id);
    if (!agency) throw new Error(`jurisdiction named agency ${jurisdiction.agency.id}, which does not exist`);
    const config = await repo.agencySettings(tx, agency.id);
    const year = Number(today.slice(0, 4));
    // Late in the transaction: the sequence row stays locked until commit (platform/numbering).
    const seq = await takeNumber(tx, { issuer: agency.id, kind: CASE_NUMBER_SEQUENCE, year }, now);
    const number = formatCaseNumber(config?.numberPattern ?? DEFAULT_CASE_NUMBER_PATTERN, {
      agency: config?.abbreviation ?? defaultAbbreviation(agency),
      kind: 'filing',
      year,
      seq,
    });
    const matter = applicable.version;
    const facts = initialFacts({
      teamId: jurisdiction.team.id,
      agency: { id: agency.id, name: agency.name, kind: agency.kind, mayEnforce: false },
      matter,
      party: o.party,
      act: o.act,
      flags: o.flags,
      discretion: o.discretion,
    });
    const id = randomUUID();
    const saved = await repo.insert(tx, {
      id,
      number,
      year,
      seq,
      agencyId: agency.id,
      subjectName: jurisdiction.subjectName,
      teamId: jurisdiction.team.id,
      townId: town.id,
      domain: matter.domain,
      procedure: null,
      status: CASE_START_STATE,
      matterId: o.matterId,
      matterCode: (matter as { code?: string }).code ?? null,
      matterName: matter.name,
      matterVersion: matter.version,
      jurisdiction: { town: { id: town.id, name: town.name, mode: town.townMode }, date: o.act.date, ...jurisdiction },
      applicable: {
        rule: applicable.rule,
        lighterLater: applicable.lighterLater,
        zh: applicable.zh,
        en: applicable.en,
      },
      actDate: o.act.date,
      actPlace: o.act.place,
      lng: o.lng ?? null,
      lat: o.lat ?? null,
      partyKind: o.party?.kind ?? null,
      partyName: o.party?.name ?? null,
      partyIdNumber: o.party?.idNumber?.toUpperCase() ?? null,
      partyAddress: o.party?.address ?? null,
      source: o.source,
      sourceEventId: o.sourceEventId ?? null,
      sourceRef: o.sourceRef ?? null,
      summary: o.summary,
      facts,
      openedBy: actor.audit.id,
      openedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const record: CaseRecord = { ...saved, agencySettings: config?.settings ?? null };
    // APL-54: the filing clock runs from registration (TIME-4 keeps it flagged when its year has no calendar).
    const full = caseFacts(saved, config?.settings ?? null, calendar.calendar);
    const effects = { start: [clockStart('filing', full.settings ?? DEFAULT_CASE_SETTINGS)] };
    const plan = await planClocks(
      tx,
      clocks.deadlines,
      clocks.subject(record),
      effects,
      full,
      { action: 'file', reason: '' },
      now,
      [],
    );
    const changes = await applyClocks(tx, clocks, record, effects, plan.values, now);
    let row = saved;
    if (plan.flagged.length > 0) row = await repo.setFlagged(tx, id, plan.flagged);
    await tx.insert(caseSteps).values({
      subjectId: id,
      at: now,
      action: 'open',
      fromStatus: null,
      toStatus: CASE_START_STATE,
      actorId: actor.audit.id,
      actorRole: actor.audit.role,
      actorName: actor.name,
      teamId: jurisdiction.team.id,
      clientIp: actor.audit.clientIp,
      reason: o.summary,
      detail: { source: o.source, sourceEventId: o.sourceEventId ?? null, ruleId: jurisdiction.ruleId },
    });
    await deps.audit.append(
      tx,
      actor.audit,
      {
        action: 'case.open',
        entityType: 'case',
        entityId: id,
        after: {
          number,
          status: CASE_START_STATE,
          source: o.source,
          sourceEventId: o.sourceEventId ?? null,
          matterId: o.matterId,
          matterVersion: matter.version,
          teamId: jurisdiction.team.id,
          jurisdictionRule: jurisdiction.ruleId,
          clocks: changes,
        },
      },
      now,
    );
    return row;
  };
}

export type CaseOpener = ReturnType<typeof createCaseOpener>;
