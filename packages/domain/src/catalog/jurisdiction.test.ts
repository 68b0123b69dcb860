import { describe, expect, it } from 'vitest';
import { ERRORS } from '../errors/index.ts';
import { jurisdictionRefusedError } from './errors.ts';
import { makeMatter } from './fixtures/matters.ts';
import {
  buildOrgSnapshot,
  resolveJurisdiction,
  type AgencyInput,
  type JurisdictionResult,
  type Place,
  type TeamInput,
} from './jurisdiction.ts';
import type { MatterVersion } from './schemas.ts';

// A small Wenling: the bureau, two departments with brigades, one department without, 2 towns and 2 streets.
const ZEGUO = '331081101'; // 泽国镇, empowered
const XINHE = '331081102'; // 新河镇, empowered
const TAIPING = '331081001'; // 太平街道, dispatched
const CHENGDONG = '331081002'; // 城东街道, dispatched, no squad set up (a data gap)

const agency = (over: Partial<AgencyInput> & Pick<AgencyInput, 'id' | 'code' | 'name' | 'kind'>): AgencyInput => ({
  mayActInOwnName: true,
  townId: null,
  domains: [],
  ...over,
});
const team = (over: Partial<TeamInput> & Pick<TeamInput, 'id' | 'code' | 'name' | 'agencyId' | 'kind'>): TeamInput => ({
  townId: null,
  domains: [],
  ...over,
});

const agencies: AgencyInput[] = [
  agency({ id: 'a-bureau', code: '331081-ZHZF', name: '温岭市综合行政执法局', kind: 'bureau' }),
  agency({
    id: 'a-market',
    code: '331081-SCJG',
    name: '温岭市市场监督管理局',
    kind: 'department',
    domains: ['市场监管'],
  }),
  agency({ id: 'a-agri', code: '331081-NYSL', name: '温岭市农业农村和水利局', kind: 'department', domains: ['农业'] }),
  agency({ id: 'a-archive', code: '331081-DAJ', name: '温岭市档案局', kind: 'department', domains: ['档案'] }),
  agency({ id: 'a-justice', code: '331081-SFJ', name: '温岭市司法局', kind: 'department', mayActInOwnName: false }),
  agency({ id: 'a-zeguo', code: `${ZEGUO}-ZF`, name: '温岭市泽国镇人民政府', kind: 'town_government', townId: ZEGUO }),
  agency({ id: 'a-xinhe', code: `${XINHE}-ZF`, name: '温岭市新河镇人民政府', kind: 'town_government', townId: XINHE }),
  agency({
    id: 'a-taiping',
    code: `${TAIPING}-BSC`,
    name: '温岭市太平街道办事处',
    kind: 'town_government',
    townId: TAIPING,
    mayActInOwnName: false,
  }),
];
const teams: TeamInput[] = [
  team({ id: 't-zhzf', code: '331081-ZHZFD', name: '综合行政执法队', agencyId: 'a-bureau', kind: 'comprehensive' }),
  team({ id: 't-mobile', code: '331081-JDDD', name: '机动执法大队', agencyId: 'a-bureau', kind: 'mobile' }),
  team({
    id: 't-market',
    code: '331081-SCJG-DD',
    name: '市场监管执法大队',
    agencyId: 'a-market',
    kind: 'professional',
    domains: ['市场监管'],
  }),
  team({
    id: 't-agri',
    code: '331081-NY-DD',
    name: '农业执法大队',
    agencyId: 'a-agri',
    kind: 'professional',
    domains: ['农业'],
  }),
  team({
    id: 't-zeguo',
    code: `${ZEGUO}-ZFD`,
    name: '泽国镇综合行政执法队',
    agencyId: 'a-zeguo',
    kind: 'town',
    townId: ZEGUO,
  }),
  team({
    id: 't-xinhe',
    code: `${XINHE}-ZFD`,
    name: '新河镇综合行政执法队',
    agencyId: 'a-xinhe',
    kind: 'town',
    townId: XINHE,
  }),
  team({
    id: 't-taiping',
    code: `${TAIPING}-ZD`,
    name: '太平中队',
    agencyId: 'a-bureau',
    kind: 'dispatched',
    townId: TAIPING,
  }),
];
const towns = [
  { id: ZEGUO, name: '泽国镇', townMode: 'empowered' as const },
  { id: XINHE, name: '新河镇', townMode: 'empowered' as const },
  { id: TAIPING, name: '太平街道', townMode: 'dispatched' as const },
  { id: CHENGDONG, name: '城东街道', townMode: 'dispatched' as const },
];
const org = buildOrgSnapshot({ agencies, teams, towns });

const zeguo: Place = { townId: ZEGUO, townMode: 'empowered' };
const xinhe: Place = { townId: XINHE, townMode: 'empowered' };
const taiping: Place = { townId: TAIPING, townMode: 'dispatched' };
const chengdong: Place = { townId: CHENGDONG, townMode: 'dispatched' };
const DAY = '2025-06-01';

const comprehensive = (over: Partial<MatterVersion> = {}) => makeMatter({ listType: 'comprehensive', ...over });
const professional = (over: Partial<MatterVersion> = {}) =>
  makeMatter({
    name: '对未经设立登记从事经营活动的行政处罚',
    domain: '市场监管',
    listType: 'professional',
    professionalTeam: '331081-SCJG-DD',
    defaultTownPower: 'none',
    ...over,
  });

interface Case {
  name: string;
  matter: MatterVersion | MatterVersion[];
  place: Place;
  date?: string;
  expect: Partial<{
    ok: boolean;
    ruleId: string;
    team: string;
    subjectName: string;
    actingMode: string;
    assistingTeam: string | undefined;
    referTo: string;
  }>;
  zh?: string;
}

const v1 = comprehensive({
  matterId: 'm-w',
  version: 1,
  townPowers: { [ZEGUO]: 'empowered' },
  defaultTownPower: 'none',
});
// A later version withdraws 泽国's power (the town list shrinks); history keeps v1.
const v2 = comprehensive({
  matterId: 'm-w',
  version: 2,
  townPowers: {},
  defaultTownPower: 'none',
  effectiveFrom: '2025-07-01',
  announcement: '温政发〔2025〕9号',
});
const withdrawn = comprehensive({ matterId: 'm-w', version: 3, withdrawn: true, effectiveFrom: '2025-09-01' });

const cases: Case[] = [
  {
    name: 'empowered matter in an empowered town → the town team, in the town government’s name',
    matter: comprehensive(),
    place: zeguo,
    expect: {
      ok: true,
      ruleId: 'JUR-EMPOWERED',
      team: '泽国镇综合行政执法队',
      subjectName: '温岭市泽国镇人民政府',
      actingMode: 'own_name',
    },
    zh: '由泽国镇综合行政执法队以温岭市泽国镇人民政府名义执法',
  },
  {
    name: 'a per-town power overrides the default',
    matter: comprehensive({ townPowers: { [XINHE]: 'empowered' }, defaultTownPower: 'none' }),
    place: xinhe,
    expect: { ok: true, ruleId: 'JUR-EMPOWERED', subjectName: '温岭市新河镇人民政府' },
  },
  {
    name: 'delegated (委托, by agency code) → the town team, in the delegating agency’s name',
    matter: comprehensive({
      domain: '农业',
      defaultTownPower: 'delegated',
      delegatingAgency: '331081-NYSL',
    }),
    place: zeguo,
    expect: {
      ok: true,
      ruleId: 'JUR-DELEGATED',
      team: '泽国镇综合行政执法队',
      subjectName: '温岭市农业农村和水利局',
      actingMode: 'delegated',
    },
    zh: '以委托机关温岭市农业农村和水利局名义执法',
  },
  {
    name: 'delegated (by agency name)',
    matter: comprehensive({ defaultTownPower: 'delegated', delegatingAgency: '温岭市农业农村和水利局' }),
    place: xinhe,
    expect: { ok: true, ruleId: 'JUR-DELEGATED', subjectName: '温岭市农业农村和水利局' },
  },
  {
    name: 'extended comprehensive matter (延伸) → the bureau acts, the town team assists',
    matter: comprehensive({ defaultTownPower: 'extended' }),
    place: zeguo,
    expect: {
      ok: true,
      ruleId: 'JUR-EXTENDED',
      team: '综合行政执法队',
      subjectName: '温岭市综合行政执法局',
      actingMode: 'extended_assist',
      assistingTeam: '泽国镇综合行政执法队',
    },
  },
  {
    name: 'extended professional matter → the source department’s brigade acts, the town team assists',
    matter: professional({ defaultTownPower: 'extended' }),
    place: zeguo,
    expect: {
      ok: true,
      ruleId: 'JUR-EXTENDED',
      team: '市场监管执法大队',
      subjectName: '温岭市市场监督管理局',
      assistingTeam: '泽国镇综合行政执法队',
    },
  },
  {
    name: 'dispatched street (派驻) → the dispatched squad, in the county bureau’s name',
    matter: comprehensive(),
    place: taiping,
    expect: {
      ok: true,
      ruleId: 'JUR-DISPATCHED',
      team: '太平中队',
      subjectName: '温岭市综合行政执法局',
      actingMode: 'dispatched',
    },
    zh: '由派驻太平街道的太平中队以温岭市综合行政执法局名义执法',
  },
  {
    name: 'dispatched street, matter without town power → still the squad (the bureau holds the power)',
    matter: comprehensive({ defaultTownPower: 'none' }),
    place: taiping,
    expect: { ok: true, ruleId: 'JUR-DISPATCHED', team: '太平中队' },
  },
  {
    name: 'professional matter (by brigade code) → the brigade, in its agency’s name',
    matter: professional(),
    place: zeguo,
    expect: {
      ok: true,
      ruleId: 'JUR-PROFESSIONAL',
      team: '市场监管执法大队',
      subjectName: '温岭市市场监督管理局',
      actingMode: 'professional',
    },
  },
  {
    name: 'professional matter in a dispatched street → the brigade, not the squad',
    matter: professional(),
    place: taiping,
    expect: { ok: true, ruleId: 'JUR-PROFESSIONAL', team: '市场监管执法大队' },
  },
  {
    name: 'professional matter without a brigade code → the brigade of its domain',
    matter: professional({ professionalTeam: null, domain: '农业' }),
    place: zeguo,
    expect: { ok: true, ruleId: 'JUR-PROFESSIONAL', team: '农业执法大队', subjectName: '温岭市农业农村和水利局' },
  },
  {
    name: 'in-department matter (管执一体) → the department itself',
    matter: makeMatter({
      domain: '档案',
      listType: 'in_department',
      department: '331081-DAJ',
      defaultTownPower: 'none',
    }),
    place: taiping,
    expect: {
      ok: true,
      ruleId: 'JUR-DEPARTMENT',
      team: '温岭市档案局',
      subjectName: '温岭市档案局',
      actingMode: 'department',
    },
  },
  {
    name: 'ZJ-9: a town acting on a comprehensive matter not on its published list → refused, referred to the bureau',
    matter: comprehensive({ townPowers: { [XINHE]: 'empowered' }, defaultTownPower: 'none' }),
    place: zeguo,
    expect: { ok: false, ruleId: 'ZJ-9', referTo: '温岭市综合行政执法局' },
    zh: '《浙江省综合行政执法条例》第九条',
  },
  {
    name: 'not in force: the matter takes effect after the date',
    matter: comprehensive({ effectiveFrom: '2025-06-02' }),
    place: zeguo,
    expect: { ok: false, ruleId: 'JUR-NOT-IN-FORCE' },
  },
  {
    name: 'unpublished matter → refused',
    matter: comprehensive({ published: false }),
    place: zeguo,
    expect: { ok: false, ruleId: 'JUR-UNPUBLISHED' },
  },
  {
    name: 'history: before the withdrawal of the town power, the town acts',
    matter: [v2, v1],
    place: zeguo,
    date: '2025-06-30',
    expect: { ok: true, ruleId: 'JUR-EMPOWERED', subjectName: '温岭市泽国镇人民政府' },
  },
  {
    name: 'history: from the later version on, the town’s power is withdrawn (ZJ-9)',
    matter: [v2, v1],
    place: zeguo,
    date: '2025-07-01',
    expect: { ok: false, ruleId: 'ZJ-9' },
  },
  {
    name: 'history: a withdrawn matter is not in force',
    matter: [v1, v2, withdrawn],
    place: zeguo,
    date: '2025-09-01',
    expect: { ok: false, ruleId: 'JUR-NOT-IN-FORCE' },
    zh: '已于2025-09-01起取消',
  },
  {
    name: 'history: before the first version → not in force',
    matter: [v1, v2],
    place: zeguo,
    date: '2024-12-31',
    expect: { ok: false, ruleId: 'JUR-NOT-IN-FORCE' },
  },
  {
    name: 'a dispatched street without a squad → unresolved, no guessed name',
    matter: comprehensive(),
    place: chengdong,
    expect: { ok: false, ruleId: 'JUR-UNRESOLVED' },
  },
  {
    name: 'an unknown brigade → unresolved',
    matter: professional({ professionalTeam: 'NOPE', domain: '档案' }),
    place: zeguo,
    expect: { ok: false, ruleId: 'JUR-UNRESOLVED' },
  },
  {
    name: 'an unknown delegating agency → unresolved',
    matter: comprehensive({ defaultTownPower: 'delegated', delegatingAgency: '不存在的局' }),
    place: zeguo,
    expect: { ok: false, ruleId: 'JUR-UNRESOLVED' },
  },
  {
    name: 'a delegating agency that may not act in its own name → unresolved',
    matter: comprehensive({ defaultTownPower: 'delegated', delegatingAgency: '331081-SFJ' }),
    place: zeguo,
    expect: { ok: false, ruleId: 'JUR-UNRESOLVED' },
  },
];

function summary(r: JurisdictionResult) {
  return r.ok
    ? {
        ok: r.ok,
        ruleId: r.ruleId,
        team: r.team.name,
        subjectName: r.subjectName,
        actingMode: r.actingMode,
        assistingTeam: r.assistingTeam?.name,
      }
    : { ok: r.ok, ruleId: r.ruleId, referTo: r.referTo?.subjectName };
}

describe('resolveJurisdiction', () => {
  it.each(cases)('$name', (c) => {
    const r = resolveJurisdiction(c.matter, c.place, c.date ?? DAY, org);
    expect(summary(r)).toMatchObject(c.expect);
    const text = r.ok ? r.explanation : r.reason;
    expect(text.zh.length).toBeGreaterThan(0);
    expect(text.en.length).toBeGreaterThan(0);
    if (c.zh) expect(text.zh).toContain(c.zh);
  });

  it('covers every path', () => {
    const seen = new Set(cases.map((c) => c.expect.ruleId));
    for (const id of [
      'JUR-EMPOWERED',
      'JUR-DELEGATED',
      'JUR-EXTENDED',
      'JUR-DISPATCHED',
      'JUR-PROFESSIONAL',
      'JUR-DEPARTMENT',
      'ZJ-9',
      'JUR-NOT-IN-FORCE',
      'JUR-UNPUBLISHED',
      'JUR-UNRESOLVED',
    ])
      expect(seen).toContain(id);
  });

  it('returns the same frozen object for the same matter version and town (no allocation on the hot path)', () => {
    const m = comprehensive();
    const a = resolveJurisdiction(m, zeguo, DAY, org);
    const b = resolveJurisdiction(m, zeguo, '2026-01-01', org);
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    if (a.ok) {
      expect(Object.isFrozen(a.team)).toBe(true);
      expect(Object.isFrozen(a.explanation)).toBe(true);
    }
    // The same matter in another town or town mode is another result.
    expect(resolveJurisdiction(m, xinhe, DAY, org)).not.toBe(a);
    expect(resolveJurisdiction(m, { townId: ZEGUO, townMode: 'dispatched' }, DAY, org)).not.toBe(a);
  });

  it('shares one frozen result between matters that take the same path', () => {
    const a = resolveJurisdiction(comprehensive({ matterId: 'a', name: '甲' }), taiping, DAY, org);
    const b = resolveJurisdiction(comprehensive({ matterId: 'b', name: '乙' }), taiping, DAY, org);
    expect(b).toBe(a);
  });

  it('keeps answering correctly when the memo grows past its first capacity', () => {
    const fresh = buildOrgSnapshot({ agencies, teams, towns });
    const powers = ['empowered', 'delegated', 'extended', 'none'] as const;
    const matters = Array.from({ length: 300 }, (_, i) =>
      comprehensive({
        matterId: `g-${i}`,
        defaultTownPower: powers[i % 4],
        delegatingAgency: '331081-NYSL',
        published: i % 7 !== 0,
      }),
    );
    const first = matters.map((m) => [zeguo, taiping, xinhe].map((p) => resolveJurisdiction(m, p, DAY, fresh)));
    const again = matters.map((m) => [zeguo, taiping, xinhe].map((p) => resolveJurisdiction(m, p, DAY, fresh)));
    expect(again).toEqual(first);
    for (let i = 0; i < matters.length; i++) for (let j = 0; j < 3; j++) expect(again[i]![j]).toBe(first[i]![j]);
    expect(first[1]![0]).toMatchObject({ ruleId: 'JUR-DELEGATED' });
    expect(first[3]![0]).toMatchObject({ ruleId: 'ZJ-9' });
    expect(first[7]![0]).toMatchObject({ ruleId: 'JUR-UNPUBLISHED' });
    expect(fresh.distinctResults).toBeLessThan(20);
  });

  it('a refusal becomes the catalogue error with the rule id, for use cases that must stop', () => {
    const r = resolveJurisdiction(comprehensive({ defaultTownPower: 'none' }), zeguo, DAY, org);
    if (r.ok) throw new Error('expected a refusal');
    const e = jurisdictionRefusedError(r);
    expect(e.code).toBe('CATALOG_JURISDICTION_REFUSED');
    expect(e.details).toEqual([{ path: 'matterId', rule: 'ZJ-9' }]);
    expect(ERRORS[e.code].status).toBe(422);
  });

  it('a town the snapshot does not know is refused, not guessed', () => {
    const r = resolveJurisdiction(comprehensive(), { townId: '331081099', townMode: 'empowered' }, DAY, org);
    expect(r).toMatchObject({ ok: false, ruleId: 'JUR-UNRESOLVED' });
  });

  it('checks the date on every call, even when the result is memoised', () => {
    const m = comprehensive({ effectiveFrom: '2025-06-01' });
    expect(resolveJurisdiction(m, zeguo, '2025-06-01', org).ok).toBe(true);
    expect(resolveJurisdiction(m, zeguo, '2025-05-31', org)).toMatchObject({ ok: false, ruleId: 'JUR-NOT-IN-FORCE' });
  });

  it('the first row wins when two brigades claim one domain (deterministic snapshot)', () => {
    const twice = buildOrgSnapshot({
      agencies,
      teams: [
        ...teams,
        team({
          id: 't-x',
          code: 'X',
          name: '另一大队',
          agencyId: 'a-market',
          kind: 'professional',
          domains: ['市场监管'],
        }),
      ],
      towns,
    });
    const r = resolveJurisdiction(professional({ professionalTeam: null }), zeguo, DAY, twice);
    expect(r.ok && r.team.name).toBe('市场监管执法大队');
  });
});
