import {
  decideCase,
  evolveCase,
  type CaseActor,
  type CaseFacts,
  type CaseOfficer,
  type CaseState,
  type CaseStepInput,
  type DecisionElements,
} from '@openenforce/domain/cases';
import { chinaDate } from '@openenforce/domain/common';

/*
 * Driving a case through the domain procedure in memory (no I/O): a legal path from a lead to a target state, each
 * step decided by `decideCase` and applied by `evolveCase` at its own instant. The test factory (`buildCase`) and the
 * demo's case generator use it, so that every built timeline is one the API would have accepted.
 */

/** Who takes the steps of a driven case: the team's officer, its leader (not an investigator), a legal reviewer. */
export interface CaseCast {
  officer: CaseActor;
  leader: CaseActor;
  reviewer: CaseActor;
  /** The two certified officers who investigate (APL-42). */
  investigators: readonly [CaseOfficer, CaseOfficer, ...CaseOfficer[]];
}

/** One driven step: the input, who took it, when, and the states before and after. */
export interface DrivenStep {
  input: CaseStepInput;
  who: keyof Omit<CaseCast, 'investigators'>;
  at: Date;
  from: CaseState;
  to: CaseState;
}

type Maker = (
  f: CaseFacts,
  day: (n: number) => string,
  cast: CaseCast,
) => { input: CaseStepInput; who: DrivenStep['who'] };

const fineOf = (yuan: number) => [{ kind: 'fine' as const, amountFen: yuan * 100 }];

function elements(f: CaseFacts, date: string): DecisionElements {
  return {
    partyName: f.party?.name ?? '当事人',
    partyAddress: f.party?.address ?? '温岭市',
    facts: '当事人实施了违法行为，有现场检查笔录和照片为证',
    evidence: ['现场照片', '现场检查笔录'],
    basis: f.matter?.name ?? '有关法律规定',
    compliance: { how: '至指定银行缴纳', by: '收到决定书之日起十五日内' },
    remedies: { reconsideration: '六十日内申请行政复议', lawsuit: '六个月内提起行政诉讼' },
    agencyName: f.agency.name,
    date,
    sealed: true,
  };
}

/** A fine inside the matter's first-tier range for the party (the middle of it), in yuan. */
function usualFineYuan(f: CaseFacts): number {
  const tier = f.matter?.discretion?.tiers.first;
  const basis = f.party?.kind === 'citizen' ? tier?.individual : tier?.organisation;
  if (basis && basis.kind === 'fixed') return Math.round((basis.minFen + basis.maxFen) / 2 / 100);
  return 200;
}

const approval = { approved: true, opinion: '同意' };

/** The general procedure's usual path, one maker per step, with the day (after the start) each is taken. */
const GENERAL: readonly [number, Maker][] = [
  [0, () => ({ input: { action: 'file', reason: '符合立案条件，予以立案' }, who: 'officer' })],
  [1, () => ({ input: { action: 'approve_filing', ...approval }, who: 'leader' })],
  [1, (_f, _d, c) => ({ input: { action: 'assign_investigators', investigators: c.investigators }, who: 'leader' })],
  [
    2,
    (_f, day) => ({
      input: {
        action: 'record_evidence',
        evidence: {
          id: `ev-${day(2)}`,
          type: 'inspection_record',
          source: 'officer',
          fileIds: ['现场检查笔录'],
          capturedAt: null,
          place: null,
          device: null,
          reviewStatus: 'approved',
        },
      },
      who: 'officer',
    }),
  ],
  [
    5,
    () => ({
      input: { action: 'submit_report', outcome: 'penalise', suspectedCrime: false, summary: '事实清楚，证据确凿' },
      who: 'officer',
    }),
  ],
  [
    6,
    (f, day) => ({
      input: {
        action: 'notify',
        penalties: fineOf(usualFineYuan(f)),
        servedOn: day(6),
        contents: {
          facts: '当事人实施了违法行为',
          reasons: '违反有关规定',
          basis: f.matter?.name ?? '有关法律规定',
          rights: { statement: true, defence: true, hearing: true },
        },
      },
      who: 'officer',
    }),
  ],
  [20, () => ({ input: { action: 'end_notice_period' }, who: 'officer' })],
  [
    21,
    (f, day) => ({
      input: {
        action: 'propose_decision',
        kind: 'penalty',
        penalties: f.notice?.penalties ?? [],
        elements: elements(f, day(22)),
      },
      who: 'officer',
    }),
  ],
  [22, (_f, day) => ({ input: { action: 'approve_decision', decidedOn: day(22), ...approval }, who: 'leader' })],
  [23, (_f, day) => ({ input: { action: 'serve', method: 'direct', servedOn: day(23) }, who: 'officer' })],
  [
    25,
    (f, day) => ({
      input: { action: 'record_payment', amountFen: f.payment.dueFen, paidOn: day(25), channel: 'bank' },
      who: 'officer',
    }),
  ],
  [26, () => ({ input: { action: 'close', summary: '罚款已缴清，执行完毕' }, who: 'officer' })],
  [27, () => ({ input: { action: 'archive' }, who: 'officer' })],
];

/** The steps (of GENERAL, by count) that reach each state on the usual path, or another short path. */
const PATHS: Partial<Record<CaseState, readonly [number, Maker][]>> = {
  lead: [],
  filing_pending: GENERAL.slice(0, 1),
  investigating: GENERAL.slice(0, 4),
  investigated: GENERAL.slice(0, 5),
  notified: GENERAL.slice(0, 6),
  deliberating: GENERAL.slice(0, 7),
  decision_pending: GENERAL.slice(0, 8),
  decided: GENERAL.slice(0, 9),
  executing: GENERAL.slice(0, 10),
  executed: GENERAL.slice(0, 11),
  closed: GENERAL.slice(0, 12),
  archived: GENERAL,
  not_filed: [[0, () => ({ input: { action: 'decline', reason: '违法事实不能成立，不予立案' }, who: 'officer' })]],
  transfer_pending: [
    ...GENERAL.slice(0, 4),
    [
      3,
      (_f, _d, c) => ({
        input: {
          action: 'report_transfer',
          kind: 'agency',
          reporterIds: c.investigators.slice(0, 2).map((o) => o.personId),
          targetAgency: '温岭市市场监督管理局',
          reason: '不属本机关管辖，移送有管辖权的机关',
        },
        who: 'officer',
      }),
    ],
  ],
};

/** The states `driveCase` reaches along a legal path (the others are reached only by the procedure's rarer turns). */
export const DRIVABLE_STATES = Object.keys(PATHS) as CaseState[];

/**
 * Drive `facts` (a lead) along the usual legal path to `target`, the first step at `start` and the others on the days
 * after it (10:00 China time). Throws when the domain refuses a step (the path is a programming error then).
 */
export function driveCase(
  facts: CaseFacts,
  target: CaseState,
  cast: CaseCast,
  start: Date,
): { facts: CaseFacts; steps: DrivenStep[] } {
  const path = PATHS[target];
  if (!path) throw new Error(`no driven path reaches ${target}`);
  const day = (n: number) => chinaDate(new Date(start.getTime() + n * 86_400_000));
  let f = facts;
  const steps: DrivenStep[] = [];
  for (const [offset, make] of path) {
    const at = new Date(start.getTime() + offset * 86_400_000);
    const { input, who } = make(f, day, cast);
    const d = decideCase(f, input, cast[who], at, { documents: new Set(['hearing_transcript']) });
    if (!d.ok)
      throw new Error(`${input.action} refused in ${f.state}: ${d.reasons.map((r) => `${r.rule} ${r.en}`).join('; ')}`);
    steps.push({ input, who, at, from: f.state, to: d.to });
    f = evolveCase(f, input, d.to, at);
  }
  return { facts: f, steps };
}
