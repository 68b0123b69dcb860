import type { agencies, teams } from '../organization/organization.schema.ts';
import { COUNTY, TOWNS, townId } from './places.ts';
import type { Rng } from './random.ts';

export type AgencyRow = typeof agencies.$inferInsert & { id: string };
export type TeamRow = typeof teams.$inferInsert & { id: string };

/**
 * Domains of the comprehensive list: 8 of the 11 domains below, in line with Wenling's "覆盖70%的执法领域"
 * (seed 002). The county bureau, the town teams and the dispatched squads act in these domains.
 */
export const COMPREHENSIVE_DOMAINS = [
  '城市管理',
  '市场监管',
  '生态环境',
  '住房建设',
  '自然资源',
  '水利',
  '农业',
  '交通运输',
];

interface DepartmentDef {
  key: string;
  name: string;
  code: string;
  domains: string[];
  /** The professional brigade the department keeps ("1+8+1": the 8). */
  brigade?: { name: string; code: string; domains: string[] };
}

const brigade = (name: string, code: string, domains: string[]): DepartmentDef['brigade'] => ({ name, code, domains });

/** Source departments (划出部门), which also supervise their domains. */
export const DEPARTMENTS: readonly DepartmentDef[] = [
  {
    key: 'market',
    name: '温岭市市场监督管理局',
    code: 'SCJG',
    domains: ['市场监管'],
    brigade: brigade('市场监管执法大队', 'SCJG', ['市场监管']),
  },
  {
    key: 'ecology',
    name: '台州市生态环境局温岭分局',
    code: 'STHJ',
    domains: ['生态环境'],
    brigade: brigade('生态环境执法大队', 'STHJ', ['生态环境']),
  },
  {
    key: 'land',
    name: '温岭市自然资源和规划局',
    code: 'ZRZY',
    domains: ['自然资源'],
    brigade: brigade('自然资源执法大队', 'ZRZY', ['自然资源']),
  },
  // Housing has no brigade of its own any more: its enforcement moved wholly into the comprehensive list.
  { key: 'housing', name: '温岭市住房和城乡建设局', code: 'ZJ', domains: ['住房建设'] },
  {
    key: 'transport',
    name: '温岭市交通运输局',
    code: 'JTYS',
    domains: ['交通运输'],
    brigade: brigade('交通运输执法大队', 'JTYS', ['交通运输']),
  },
  {
    key: 'culture',
    name: '温岭市文化和广电旅游体育局',
    code: 'WGLT',
    domains: ['文化市场'],
    brigade: brigade('文化市场执法大队', 'WHSC', ['文化市场']),
  },
  {
    key: 'agriculture',
    name: '温岭市农业农村和水利局',
    code: 'NYSL',
    domains: ['农业', '水利'],
    brigade: brigade('农业执法大队', 'NY', ['农业']),
  },
  {
    key: 'emergency',
    name: '温岭市应急管理局',
    code: 'YJGL',
    domains: ['应急管理'],
    brigade: brigade('应急管理执法大队', 'YJGL', ['应急管理']),
  },
  {
    key: 'health',
    name: '温岭市卫生健康局',
    code: 'WSJK',
    domains: ['卫生健康'],
    brigade: brigade('卫生健康执法大队', 'WSJK', ['卫生健康']),
  },
  // Not a source department: it supervises enforcement (行政执法监督), which is where the supervisors sit.
  { key: 'justice', name: '温岭市司法局', code: 'SFJ', domains: [] },
];

export interface Organization {
  agencies: AgencyRow[];
  teams: TeamRow[];
  bureau: AgencyRow;
  departments: ReadonlyMap<string, AgencyRow>;
  /** Town government or street office, by town id. */
  townAgencies: ReadonlyMap<string, AgencyRow>;
  comprehensiveTeam: TeamRow;
  mobileTeam: TeamRow;
  brigades: TeamRow[];
  /** Town team (empowered towns) or dispatched squad (streets), by town id. */
  townTeams: ReadonlyMap<string, TeamRow>;
}

/** Agencies and the "1+8+1" team structure, plus one team per town (SPEC §2). */
export function buildOrganization(ids: Rng): Organization {
  const bureau: AgencyRow = {
    id: ids.uuid(),
    code: `${COUNTY.id}-ZHZF`,
    name: '温岭市综合行政执法局',
    kind: 'bureau',
    mayActInOwnName: true,
    townId: null,
    domains: [...COMPREHENSIVE_DOMAINS],
  };
  const agencyRows: AgencyRow[] = [bureau];
  const departments = new Map<string, AgencyRow>();
  for (const d of DEPARTMENTS) {
    const row: AgencyRow = {
      id: ids.uuid(),
      code: `${COUNTY.id}-${d.code}`,
      name: d.name,
      kind: 'department',
      mayActInOwnName: true,
      townId: null,
      domains: [...d.domains],
    };
    departments.set(d.key, row);
    agencyRows.push(row);
  }
  const townAgencies = new Map<string, AgencyRow>();
  TOWNS.forEach((def, t) => {
    const tid = townId(t);
    const empowered = def.mode === 'empowered';
    const row: AgencyRow = {
      id: ids.uuid(),
      code: `${tid}-${empowered ? 'ZF' : 'BSC'}`,
      name: empowered ? `温岭市${def.name}人民政府` : `温岭市${def.name}办事处`,
      kind: 'town_government',
      // Empowered (赋权) towns are enforcement subjects in their own name; in a dispatched street the bureau acts.
      mayActInOwnName: empowered,
      townId: tid,
      domains: empowered ? [...COMPREHENSIVE_DOMAINS] : [],
    };
    townAgencies.set(tid, row);
    agencyRows.push(row);
  });

  const comprehensiveTeam: TeamRow = {
    id: ids.uuid(),
    code: `${COUNTY.id}-ZHZFD`,
    name: '综合行政执法队',
    agencyId: bureau.id,
    parentId: null,
    level: 'team',
    kind: 'comprehensive',
    townId: null,
    domains: [...COMPREHENSIVE_DOMAINS],
  };
  const brigades: TeamRow[] = [];
  for (const d of DEPARTMENTS) {
    if (!d.brigade) continue;
    brigades.push({
      id: ids.uuid(),
      code: `${COUNTY.id}-${d.brigade.code}-DD`,
      name: d.brigade.name,
      agencyId: (departments.get(d.key) as AgencyRow).id,
      parentId: null,
      level: 'brigade',
      kind: 'professional',
      townId: null,
      domains: [...d.brigade.domains],
    });
  }
  const mobileTeam: TeamRow = {
    id: ids.uuid(),
    code: `${COUNTY.id}-JDDD`,
    name: '机动执法大队',
    agencyId: bureau.id,
    parentId: null,
    level: 'brigade',
    kind: 'mobile',
    townId: null,
    domains: [...COMPREHENSIVE_DOMAINS],
  };
  const townTeams = new Map<string, TeamRow>();
  TOWNS.forEach((def, t) => {
    const tid = townId(t);
    const empowered = def.mode === 'empowered';
    townTeams.set(tid, {
      id: ids.uuid(),
      code: `${tid}-${empowered ? 'ZFD' : 'ZD'}`,
      name: empowered ? `${def.name}综合行政执法队` : `${def.short}中队`,
      // The town team is the town government's own body; a dispatched squad stays part of the county bureau.
      agencyId: empowered ? (townAgencies.get(tid) as AgencyRow).id : bureau.id,
      parentId: empowered ? null : comprehensiveTeam.id,
      level: empowered ? 'team' : 'squad',
      kind: empowered ? 'town' : 'dispatched',
      townId: tid,
      domains: [...COMPREHENSIVE_DOMAINS],
    });
  });

  return {
    agencies: agencyRows,
    teams: [comprehensiveTeam, ...brigades, mobileTeam, ...townTeams.values()],
    bureau,
    departments,
    townAgencies,
    comprehensiveTeam,
    mobileTeam,
    brigades,
    townTeams,
  };
}
