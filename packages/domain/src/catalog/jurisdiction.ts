import type { MatterVersion, TownPower } from './schemas.ts';
import { matterAsOf } from './versions.ts';

/*
 * Jurisdiction (SPEC §1): matter + place + date → the responsible team, the enforcement subject (执法主体, the legal
 * name printed on every document) and the rule that decided. Dispatch, case filing and document headers all use
 * this one function.
 *
 * The organization is compiled once into an OrgSnapshot (Maps by town, code and domain). A result depends on the
 * matter only through its list type, town power and codes, so results do not name the matter and are shared:
 * each distinct result is one frozen object, interned in the snapshot. The snapshot also memoises, per matter
 * version, town and town mode, the id of its result in a flat Uint16Array. After the first call a resolution is
 * two date comparisons, a WeakMap and a Map lookup and two array reads, and allocates nothing; the shared results
 * stay in cache. Matter versions are immutable (history is never overwritten), which is what makes the memo safe:
 * a changed matter is a new version object.
 */

export interface AgencyInput {
  id: string;
  code: string;
  name: string;
  kind: 'bureau' | 'department' | 'town_government';
  mayActInOwnName: boolean;
  townId: string | null;
  domains: readonly string[];
}

export interface TeamInput {
  id: string;
  code: string;
  name: string;
  agencyId: string;
  kind: 'comprehensive' | 'professional' | 'mobile' | 'town' | 'dispatched';
  townId: string | null;
  domains: readonly string[];
}

export interface TownInput {
  id: string;
  name: string;
  townMode: 'empowered' | 'dispatched' | null;
}

/** A team, or for an in-department matter the department itself. */
export interface UnitRef {
  readonly id: string;
  readonly code: string;
  readonly name: string;
}

export type ActingMode = 'own_name' | 'delegated' | 'extended_assist' | 'dispatched' | 'professional' | 'department';

export type JurisdictionRuleId =
  | 'JUR-EMPOWERED'
  | 'JUR-DELEGATED'
  | 'JUR-EXTENDED'
  | 'JUR-DISPATCHED'
  | 'JUR-PROFESSIONAL'
  | 'JUR-DEPARTMENT'
  | 'ZJ-9'
  | 'JUR-NOT-IN-FORCE'
  | 'JUR-UNPUBLISHED'
  | 'JUR-UNRESOLVED';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** The jurisdiction rules in words, for screens (the id stays for the record; a person reads the words). */
export const JURISDICTION_RULE_LABELS: Readonly<Record<JurisdictionRuleId, Bilingual>> = {
  'JUR-EMPOWERED': { zh: '赋权乡镇以自身名义执法', en: 'Empowered town acts in its own name' },
  'JUR-DELEGATED': { zh: '受委托乡镇以委托机关名义执法', en: "Delegated town acts in the delegating agency's name" },
  'JUR-EXTENDED': { zh: '延伸至乡镇协助，县级执法', en: 'Extended to the town: county acts, town assists' },
  'JUR-DISPATCHED': { zh: '派驻中队以县综合执法局名义执法', en: "Dispatched squad acts in the county bureau's name" },
  'JUR-PROFESSIONAL': { zh: '专业执法队伍执法', en: 'A professional brigade acts' },
  'JUR-DEPARTMENT': { zh: '管执一体，业务主管部门执法', en: 'The department that regulates also enforces' },
  'ZJ-9': {
    zh: '乡镇只行使县级公布的赋权事项：由县级执法',
    en: 'Towns exercise only the published powers: the county acts',
  },
  'JUR-NOT-IN-FORCE': { zh: '事项在该日期不生效', en: 'The matter is not in force on that date' },
  'JUR-UNPUBLISHED': { zh: '事项尚未公布', en: 'The matter is not published' },
  'JUR-UNRESOLVED': { zh: '无法确定承办单位，需人工分拨', en: 'No acting unit found: triage by hand' },
};

/** A rule id in words, or the id itself when it is not one of ours (an older record). */
export function jurisdictionRuleLabel(id: string): Bilingual {
  return JURISDICTION_RULE_LABELS[id as JurisdictionRuleId] ?? { zh: id, en: id };
}

export interface JurisdictionOk {
  readonly ok: true;
  /** Who handles it: a team, or the department itself for an in-department matter. */
  readonly team: UnitRef;
  /** The agency the acting team belongs to (whose staff act). */
  readonly agency: UnitRef;
  /** 执法主体: the legal name on documents. */
  readonly subjectName: string;
  readonly actingMode: ActingMode;
  /** For an extended (延伸) matter: the town team that patrols and helps gather evidence. */
  readonly assistingTeam?: UnitRef;
  readonly ruleId: JurisdictionRuleId;
  readonly explanation: Bilingual;
}

export interface JurisdictionRefusal {
  readonly ok: false;
  readonly ruleId: JurisdictionRuleId;
  readonly reason: Bilingual;
  /** For ZJ-9: the county body that keeps the power, so dispatch can route the matter there. */
  readonly referTo?: { readonly team: UnitRef; readonly subjectName: string };
}

export type JurisdictionResult = JurisdictionOk | JurisdictionRefusal;

export interface Place {
  townId: string;
  townMode: 'empowered' | 'dispatched';
}

/** What jurisdiction reads from a matter version. */
export type JurisdictionMatter = Pick<
  MatterVersion,
  | 'name'
  | 'domain'
  | 'listType'
  | 'townPowers'
  | 'defaultTownPower'
  | 'delegatingAgency'
  | 'professionalTeam'
  | 'department'
  | 'published'
  | 'withdrawn'
  | 'effectiveFrom'
  | 'version'
>;

/** The organization compiled for jurisdiction: build once with buildOrgSnapshot, share everywhere. */
export class OrgSnapshot {
  /** Town id → column of the memo (2 cells per town: empowered, dispatched). */
  private readonly townIndex: ReadonlyMap<string, number>;
  private readonly stride: number;
  /** Matter version → row of the memo. A row per version resolved against this snapshot (bounded by the catalog). */
  private readonly rows = new WeakMap<object, number>();
  private rowCount = 0;
  /** memo[row * stride + town * 2 + mode]: 1 + index into `results`, or 0 when not computed yet. */
  private memo: Uint16Array;
  private readonly results: JurisdictionResult[] = [];
  private readonly resultIds = new Map<string, number>();

  constructor(
    readonly bureau: AgencyInput | null,
    /** The bureau's comprehensive team (综合行政执法队): acts at county level for comprehensive matters. */
    readonly bureauTeam: TeamInput | null,
    readonly agencyById: ReadonlyMap<string, AgencyInput>,
    readonly agencyByCode: ReadonlyMap<string, AgencyInput>,
    readonly agencyByName: ReadonlyMap<string, AgencyInput>,
    readonly townGovernmentByTown: ReadonlyMap<string, AgencyInput>,
    readonly townTeamByTown: ReadonlyMap<string, TeamInput>,
    readonly squadByTown: ReadonlyMap<string, TeamInput>,
    readonly brigadeByCode: ReadonlyMap<string, TeamInput>,
    readonly brigadeByDomain: ReadonlyMap<string, TeamInput>,
    readonly townById: ReadonlyMap<string, TownInput>,
  ) {
    this.townIndex = new Map([...townById.keys()].map((id, i) => [id, i]));
    this.stride = Math.max(1, townById.size) * 2;
    this.memo = new Uint16Array(this.stride * 64);
  }

  /** How many distinct results the snapshot holds (each one frozen object shared by every matter that takes it). */
  get distinctResults(): number {
    return this.results.length;
  }

  /** @internal The memoised result of `matter` at `place`, computing it the first time. */
  resultFor(m: JurisdictionMatter, place: Place): JurisdictionResult {
    const town = this.townIndex.get(place.townId);
    // A town the snapshot does not know is computed each time (it can only be refused or a county-level result).
    if (town === undefined) return this.results[this.intern(compute(m, place, this))] as JurisdictionResult;
    let row = this.rows.get(m);
    if (row === undefined) row = this.addRow(m);
    const cell = row * this.stride + town * 2 + (place.townMode === 'dispatched' ? 1 : 0);
    const id = this.memo[cell] as number;
    if (id !== 0) return this.results[id - 1] as JurisdictionResult;
    const index = this.intern(compute(m, place, this));
    if (index < 0xffff) this.memo[cell] = index + 1; // beyond 65,534 distinct results: computed each time
    return this.results[index] as JurisdictionResult;
  }

  private addRow(m: object): number {
    const row = this.rowCount++;
    if ((row + 1) * this.stride > this.memo.length) {
      const grown = new Uint16Array(this.memo.length * 2);
      grown.set(this.memo);
      this.memo = grown;
    }
    this.rows.set(m, row);
    return row;
  }

  /** The index of the shared frozen result equal to `r`. */
  private intern(r: JurisdictionResult): number {
    const key = keyOf(r);
    const known = this.resultIds.get(key);
    if (known !== undefined) return known;
    this.resultIds.set(key, this.results.length);
    this.results.push(r);
    return this.results.length - 1;
  }
}

function keyOf(r: JurisdictionResult): string {
  return r.ok
    ? [r.ruleId, r.actingMode, r.team.id, r.agency.id, r.subjectName, r.assistingTeam?.id ?? '', r.explanation.zh].join(
        '\u0000',
      )
    : [r.ruleId, r.referTo?.team.id ?? '', r.referTo?.subjectName ?? '', r.reason.zh].join('\u0000');
}

/**
 * Compiles plain agency, team and town rows (the organization tables) into an OrgSnapshot. When several rows claim
 * the same key (two brigades for one domain), the first row wins, so the snapshot is deterministic for a given
 * row order; the service orders rows by code.
 */
export function buildOrgSnapshot(rows: {
  agencies: readonly AgencyInput[];
  teams: readonly TeamInput[];
  towns: readonly TownInput[];
}): OrgSnapshot {
  const first = <K, V>(map: Map<K, V>, key: K, value: V): void => {
    if (!map.has(key)) map.set(key, value);
  };
  const agencyById = new Map<string, AgencyInput>();
  const agencyByCode = new Map<string, AgencyInput>();
  const agencyByName = new Map<string, AgencyInput>();
  const townGovernmentByTown = new Map<string, AgencyInput>();
  let bureau: AgencyInput | null = null;
  for (const a of rows.agencies) {
    first(agencyById, a.id, a);
    first(agencyByCode, a.code, a);
    first(agencyByName, a.name, a);
    if (a.kind === 'bureau' && bureau === null) bureau = a;
    if (a.kind === 'town_government' && a.townId !== null) first(townGovernmentByTown, a.townId, a);
  }
  const townTeamByTown = new Map<string, TeamInput>();
  const squadByTown = new Map<string, TeamInput>();
  const brigadeByCode = new Map<string, TeamInput>();
  const brigadeByDomain = new Map<string, TeamInput>();
  let bureauTeam: TeamInput | null = null;
  for (const t of rows.teams) {
    if (t.kind === 'town' && t.townId !== null) first(townTeamByTown, t.townId, t);
    else if (t.kind === 'dispatched' && t.townId !== null) first(squadByTown, t.townId, t);
    else if (t.kind === 'professional') {
      first(brigadeByCode, t.code, t);
      for (const d of t.domains) first(brigadeByDomain, d, t);
    } else if (t.kind === 'comprehensive' && bureau !== null && t.agencyId === bureau.id && bureauTeam === null) {
      bureauTeam = t;
    }
  }
  const townById = new Map<string, TownInput>();
  for (const t of rows.towns) first(townById, t.id, t);
  return new OrgSnapshot(
    bureau,
    bureauTeam,
    agencyById,
    agencyByCode,
    agencyByName,
    townGovernmentByTown,
    townTeamByTown,
    squadByTown,
    brigadeByCode,
    brigadeByDomain,
    townById,
  );
}

const ref = (u: { id: string; code: string; name: string }): UnitRef =>
  Object.freeze({ id: u.id, code: u.code, name: u.name });

function refuse(ruleId: JurisdictionRuleId, zh: string, en: string, referTo?: JurisdictionRefusal['referTo']) {
  const r: JurisdictionRefusal = referTo
    ? { ok: false, ruleId, reason: Object.freeze({ zh, en }), referTo: Object.freeze(referTo) }
    : { ok: false, ruleId, reason: Object.freeze({ zh, en }) };
  return Object.freeze(r);
}

function ok(
  ruleId: JurisdictionRuleId,
  actingMode: ActingMode,
  team: UnitRef,
  agency: UnitRef,
  subjectName: string,
  zh: string,
  en: string,
  assistingTeam?: UnitRef,
): JurisdictionOk {
  const r: JurisdictionOk = assistingTeam
    ? { ok: true, team, agency, subjectName, actingMode, assistingTeam, ruleId, explanation: Object.freeze({ zh, en }) }
    : { ok: true, team, agency, subjectName, actingMode, ruleId, explanation: Object.freeze({ zh, en }) };
  return Object.freeze(r);
}

/** The county body that acts for a matter when no town power applies (list type decides). */
type CountyActor =
  | { ok: true; team: UnitRef; agency: AgencyInput; ruleId: JurisdictionRuleId; mode: ActingMode; why: Bilingual }
  | { ok: false; refusal: JurisdictionRefusal };

function countyActor(m: JurisdictionMatter, org: OrgSnapshot): CountyActor {
  if (m.listType === 'professional') {
    const brigade =
      (m.professionalTeam !== null ? org.brigadeByCode.get(m.professionalTeam) : undefined) ??
      org.brigadeByDomain.get(m.domain);
    const agency = brigade ? org.agencyById.get(brigade.agencyId) : undefined;
    if (!brigade || !agency)
      return {
        ok: false,
        refusal: refuse(
          'JUR-UNRESOLVED',
          `该专业执法事项找不到承办的专业执法队伍（${m.professionalTeam ?? m.domain}）`,
          `No professional brigade found for the matter (${m.professionalTeam ?? m.domain})`,
        ),
      };
    return {
      ok: true,
      team: ref(brigade),
      agency,
      ruleId: 'JUR-PROFESSIONAL',
      mode: 'professional',
      why: {
        zh: `该事项属专业执法事项，由${agency.name}${brigade.name}以${agency.name}名义执法`,
        en: `The matter is on the professional list: ${brigade.name} of ${agency.name} acts in the name of ${agency.name}`,
      },
    };
  }
  if (m.listType === 'in_department') {
    const dept = m.department !== null ? org.agencyByCode.get(m.department) : undefined;
    if (!dept)
      return {
        ok: false,
        refusal: refuse(
          'JUR-UNRESOLVED',
          `该管执一体事项找不到主管部门（${m.department ?? '未填写'}）`,
          `No department found for the in-department matter (${m.department ?? 'not set'})`,
        ),
      };
    return {
      ok: true,
      team: ref(dept),
      agency: dept,
      ruleId: 'JUR-DEPARTMENT',
      mode: 'department',
      why: {
        zh: `该事项属管执一体事项，由${dept.name}自行执法`,
        en: `The matter is an in-department matter: ${dept.name} enforces it itself`,
      },
    };
  }
  const bureau = org.bureau;
  const team = org.bureauTeam;
  if (!bureau || !team)
    return {
      ok: false,
      refusal: refuse(
        'JUR-UNRESOLVED',
        '未配置县级综合行政执法局或其综合行政执法队',
        'The county enforcement bureau or its comprehensive team is not set up',
      ),
    };
  // Used only as the acting body of an extended matter and as the referral of a ZJ-9 refusal.
  return {
    ok: true,
    team: ref(team),
    agency: bureau,
    ruleId: 'JUR-EXTENDED',
    mode: 'extended_assist',
    why: {
      zh: `该事项属综合执法事项，由${bureau.name}执法`,
      en: `The matter is on the comprehensive list: ${bureau.name} acts`,
    },
  };
}

function noSubject(agency: AgencyInput): JurisdictionRefusal {
  return refuse(
    'JUR-UNRESOLVED',
    `${agency.name}未登记为可以自己名义执法的主体`,
    `${agency.name} is not registered as able to act in its own name`,
  );
}

/** The county body acts on its own, in its own name (professional and in-department matters without a town power). */
function countyActsAlone(county: Extract<CountyActor, { ok: true }>): JurisdictionResult {
  if (!county.agency.mayActInOwnName) return noSubject(county.agency);
  return ok(
    county.ruleId,
    county.mode,
    county.team,
    ref(county.agency),
    county.agency.name,
    county.why.zh,
    county.why.en,
  );
}

/** The result for one matter version in one town, computed once and memoised (see resolveJurisdiction). */
function compute(m: JurisdictionMatter, place: Place, org: OrgSnapshot): JurisdictionResult {
  if (m.withdrawn)
    return refuse(
      'JUR-NOT-IN-FORCE',
      `该事项已于${m.effectiveFrom}起取消，不再执行`,
      `The matter was withdrawn from ${m.effectiveFrom}`,
    );
  if (!m.published)
    return refuse(
      'JUR-UNPUBLISHED',
      '该事项尚未在本县执法事项目录中公布，不得据以执法',
      'The matter is not published in the county catalog: no one may act on it',
    );
  const power: TownPower = m.townPowers[place.townId] ?? m.defaultTownPower;
  const town = org.townById.get(place.townId);
  const townName = town?.name ?? place.townId;
  const county = countyActor(m, org);

  if (place.townMode === 'dispatched') {
    // 派驻: the street has no enforcement subject of its own. Comprehensive matters go to the bureau's squad
    // stationed there, in the bureau's name; the list type decides the others.
    if (!county.ok) return county.refusal;
    if (power === 'extended' && m.listType !== 'comprehensive') {
      const squad = org.squadByTown.get(place.townId);
      if (squad && county.agency.mayActInOwnName)
        return ok(
          'JUR-EXTENDED',
          'extended_assist',
          county.team,
          ref(county.agency),
          county.agency.name,
          `该事项延伸至${townName}：由${county.agency.name}以自己名义执法，${squad.name}协助巡查和调查取证`,
          `The matter is extended to ${townName}: ${county.agency.name} acts in its own name; ${squad.name} assists`,
          ref(squad),
        );
    }
    if (m.listType !== 'comprehensive') return countyActsAlone(county);
    const squad = org.squadByTown.get(place.townId);
    const bureau = county.agency;
    if (!squad)
      return refuse(
        'JUR-UNRESOLVED',
        `${townName}为派驻模式，但未配置派驻中队`,
        `${townName} is a dispatched street but has no dispatched squad`,
      );
    if (!bureau.mayActInOwnName) return noSubject(bureau);
    return ok(
      'JUR-DISPATCHED',
      'dispatched',
      ref(squad),
      ref(bureau),
      bureau.name,
      `${townName}实行派驻模式：该事项由派驻${townName}的${squad.name}以${bureau.name}名义执法`,
      `${townName} has a dispatched squad: ${squad.name} acts on the matter in the name of ${bureau.name}`,
    );
  }

  // 赋权 town: its own team acts on the matters on the county's published list for that town (ZJ-9).
  const townTeam = org.townTeamByTown.get(place.townId);
  const townGov = org.townGovernmentByTown.get(place.townId);
  if (power === 'empowered' || power === 'delegated') {
    if (!townTeam || !townGov)
      return refuse(
        'JUR-UNRESOLVED',
        `${townName}未配置镇综合行政执法队或镇人民政府`,
        `${townName} has no town enforcement team or town government set up`,
      );
    if (power === 'empowered') {
      if (!townGov.mayActInOwnName) return noSubject(townGov);
      return ok(
        'JUR-EMPOWERED',
        'own_name',
        ref(townTeam),
        ref(townGov),
        townGov.name,
        `该事项已赋权${townName}：由${townTeam.name}以${townGov.name}名义执法`,
        `The matter is empowered to ${townName}: ${townTeam.name} acts in the name of ${townGov.name}`,
      );
    }
    const delegator =
      m.delegatingAgency === null
        ? undefined
        : (org.agencyByCode.get(m.delegatingAgency) ?? org.agencyByName.get(m.delegatingAgency));
    if (!delegator)
      return refuse(
        'JUR-UNRESOLVED',
        `该事项委托${townName}行使，但委托机关（${m.delegatingAgency ?? '未填写'}）不在机构名录中`,
        `The matter is delegated to ${townName}, but the delegating agency (${m.delegatingAgency ?? 'not set'}) is unknown`,
      );
    if (!delegator.mayActInOwnName) return noSubject(delegator);
    return ok(
      'JUR-DELEGATED',
      'delegated',
      ref(townTeam),
      ref(townGov),
      delegator.name,
      `该事项由${delegator.name}委托${townName}行使：${townTeam.name}以委托机关${delegator.name}名义执法`,
      `The matter is delegated by ${delegator.name} to ${townName}: ${townTeam.name} acts in the name of ${delegator.name}`,
    );
  }
  if (!county.ok) return county.refusal;
  if (power === 'extended') {
    if (!county.agency.mayActInOwnName) return noSubject(county.agency);
    const assist = townTeam ? ref(townTeam) : undefined;
    return ok(
      'JUR-EXTENDED',
      'extended_assist',
      county.team,
      ref(county.agency),
      county.agency.name,
      `该事项延伸至${townName}：由${county.agency.name}以自己名义执法` +
        (townTeam ? `，${townTeam.name}负责日常巡查、协助调查取证` : ''),
      `The matter is extended to ${townName}: ${county.agency.name} acts in its own name` +
        (townTeam ? `; ${townTeam.name} patrols and helps gather evidence` : ''),
      assist,
    );
  }
  // No town power: a professional or in-department matter stays with its county body. A comprehensive matter is
  // not on this town's published list: the town may not act on it (ZJ-9); it stays with the county bureau.
  if (m.listType !== 'comprehensive') return countyActsAlone(county);
  return refuse(
    'ZJ-9',
    `该事项不在本县公布的${townName}赋权事项目录中，乡镇不得行使（《浙江省综合行政执法条例》第九条）；` +
      `由${county.agency.name}管辖`,
    `The matter is not on the county's published list of powers for ${townName}: the town may not exercise it ` +
      `(Zhejiang Comprehensive Administrative Enforcement Regulations, art. 9); ${county.agency.name} keeps it`,
    { team: county.team, subjectName: county.agency.name },
  );
}

const NOT_IN_FORCE = refuse(
  'JUR-NOT-IN-FORCE',
  '该事项在该日期无有效版本（尚未生效）',
  'The matter has no version in force on that date (not yet in effect)',
);

/**
 * Who acts on `matter` at `place` on `date` (YYYY-MM-DD), and in whose name.
 *
 * `matter` is one version, or the matter's whole history (the version in force on `date` is used).
 * Paths, in order:
 *  - not in force on the date (effective later, or withdrawn) → JUR-NOT-IN-FORCE; unpublished → JUR-UNPUBLISHED;
 *  - dispatched street (派驻) → comprehensive matter: the dispatched squad, in the county bureau's name
 *    (JUR-DISPATCHED); professional/in-department matter: as below;
 *  - empowered town (赋权), the matter's power for that town:
 *    empowered → the town team in the town government's name (JUR-EMPOWERED);
 *    delegated (委托) → the town team in the delegating agency's name (JUR-DELEGATED);
 *    extended (延伸) → the county body acts in its own name, the town team assists (JUR-EXTENDED);
 *    none → professional: the brigade in its agency's name (JUR-PROFESSIONAL); in-department: the department
 *    (JUR-DEPARTMENT); comprehensive: refused, the town may not act on what is not on its list (ZJ-9), with
 *    `referTo` naming the county bureau that keeps the power.
 *  - missing organization data (no squad, unknown brigade, an agency that may not act in its own name) →
 *    JUR-UNRESOLVED, never a guessed name on a document.
 *
 * Results are frozen and shared: do not mutate them.
 */
export function resolveJurisdiction(
  matter: JurisdictionMatter | readonly JurisdictionMatter[],
  place: Place,
  date: string,
  org: OrgSnapshot,
): JurisdictionResult {
  const m = isHistory(matter) ? matterAsOf(matter, date) : matter;
  if (m === null || m.effectiveFrom > date) return NOT_IN_FORCE;
  return org.resultFor(m, place);
}

function isHistory(m: JurisdictionMatter | readonly JurisdictionMatter[]): m is readonly JurisdictionMatter[] {
  return Array.isArray(m);
}
