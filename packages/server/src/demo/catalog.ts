import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MatterCreate, MatterVersion } from '@openenforce/domain/catalog';
import { DOMAINS } from '@openenforce/domain/organization';
import type { matterLists } from '../catalog/catalog.schema.ts';
import { catalogRepository, mattersFromTable } from '../catalog/index.ts';
import { SYSTEM_ACTOR } from '../platform/audit/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { parseTable } from '../platform/spreadsheet/index.ts';
import { Rng } from './random.ts';

/** The 173 real matters (shared/data/catalog-sample.csv; sources in SOURCES.md beside it). */
const SAMPLE = fileURLToPath(new URL('../../../domain/src/catalog/fixtures/catalog-sample.csv', import.meta.url));

/** Wenling's catalog (seed 002): 5,113 items, 1,536 comprehensive (30.09 %) covering 70 % of domains, 91 empowered. */
const TOTAL = 5113;
const COMPREHENSIVE = 1536;
const EMPOWERED = 91;
const FIRST_VIOLATION = 312;
const EFFECTIVE = '2022-01-01';
const ANNOUNCEMENT = '温政发〔2022〕1号（演示数据）';

/** Acts per domain for synthetic matter names: "对{act}的行政处罚". Plausible, not real catalog entries. */
const ACTS = [
  '未按规定办理登记',
  '未按规定报送材料',
  '擅自变更用途',
  '未落实安全责任',
  '拒绝、阻碍监督检查',
  '未按规定公示信息',
  '超范围经营',
  '未取得许可从事经营',
  '伪造、变造证明文件',
  '未按规定保存记录',
  '未按要求整改',
  '违规使用设施设备',
];
const OBJECTS: Record<string, string[]> = {
  城市管理: ['占道经营', '户外广告设施', '城市道路', '环境卫生设施', '燃气设施', '排水设施', '园林绿地'],
  市场监管: ['食品经营', '计量器具', '特种设备', '商品标识', '广告发布', '价格标示'],
  生态环境: ['排污许可', '危险废物', '噪声排放', '扬尘防治', '固体废物', '放射性物品'],
  交通运输: ['道路运输', '出租汽车', '公路路政', '水路运输', '港口作业', '机动车维修'],
  文化市场: ['网吧经营', '娱乐场所', '演出活动', '出版物经营', '旅行社经营', '文物保护'],
  农业: ['农药经营', '兽药经营', '种子生产', '农产品质量', '动物防疫', '渔业捕捞'],
  自然资源: ['土地利用', '矿产开采', '测绘活动', '耕地保护', '地质灾害防治', '不动产登记'],
  应急管理: ['危险化学品', '烟花爆竹', '安全生产培训', '应急预案', '非煤矿山', '工贸企业安全'],
  卫生健康: ['公共场所卫生', '医疗机构执业', '生活饮用水', '职业病防治', '放射诊疗', '母婴保健'],
  住房建设: ['建筑施工', '物业管理', '房地产经纪', '建筑市场', '城镇燃气', '工程质量'],
  水利: ['河道管理', '取水许可', '水土保持', '防汛设施', '水库管理', '河道采砂'],
};

/**
 * Seed the demo catalog once (skipped when matters exist): the real sample rows, then synthetic matters up to
 * Wenling's figures, versions of the published lists, and one audit record per batch. One transaction.
 */
export async function seedDemoCatalog(deps: PlatformDeps, empoweredTowns: readonly string[]): Promise<number> {
  const { database, audit, clock } = deps;
  const db = database.db;
  if ((await catalogRepository.countMatters(db)) > 0) return 0;
  const table = await parseTable(readFileSync(SAMPLE), 'catalog-sample.csv');
  const { values, errors } = mattersFromTable(table, {
    effectiveFrom: EFFECTIVE,
    announcement: ANNOUNCEMENT,
    published: true,
  });
  errors.throwIfAny();
  const rng = new Rng(20220101);
  // 70 % of the domains carry comprehensive matters (seed 002): 13 of the 19, starting with those where a published
  // catalog lists a real sample row as comprehensive; the other domains are professional only.
  const listCell = new Map(table.rows.map((r) => [r.row, r.cells['list_type'] ?? '']));
  const published = new Set(values.filter((v) => listCell.get(v.row) === 'comprehensive').map((v) => v.body.domain));
  const ordered = [...published, ...DOMAINS.filter((d) => !published.has(d))];
  const comprehensiveDomains = new Set(ordered.slice(0, Math.round(DOMAINS.length * 0.7)));
  const bodies: MatterCreate[] = values.map(({ row, body }) => {
    // The sample leaves list type empty where no published catalog was found (SOURCES.md): place those by domain.
    const listType = listCell.get(row)
      ? body.listType
      : comprehensiveDomains.has(body.domain)
        ? 'comprehensive'
        : 'professional';
    // A town power in the sample applies to the empowered towns; dispatched streets have no powers of their own.
    const townPowers =
      body.defaultTownPower === 'none'
        ? body.townPowers
        : Object.fromEntries(empoweredTowns.map((t) => [t, body.defaultTownPower]));
    return { ...body, listType, townPowers, defaultTownPower: 'none' };
  });
  const sampleComprehensive = bodies.filter((b) => b.listType === 'comprehensive').length;
  const domains = Object.keys(OBJECTS);
  const comprehensiveObjects = domains.filter((d) => comprehensiveDomains.has(d as never));
  let comprehensiveLeft = COMPREHENSIVE - sampleComprehensive;
  const names = new Map<string, number>();
  for (let i = bodies.length; i < TOTAL; i++) {
    const domain = comprehensiveLeft > 0 ? comprehensiveObjects[i % comprehensiveObjects.length]! : rng.pick(domains);
    const listType = comprehensiveLeft-- > 0 ? 'comprehensive' : rng.chance(0.08) ? 'in_department' : 'professional';
    const body = synthetic(rng, i, domain, listType);
    // The vocabulary repeats; a real catalog distinguishes such matters by circumstance (情形).
    const n = (names.get(body.name) ?? 0) + 1;
    names.set(body.name, n);
    bodies.push(n === 1 ? body : { ...body, name: body.name.replace('（演示）', `（情形${n}，演示）`) });
  }
  // Empower the first matters of the comprehensive list in every empowered town, and flag first-violation waivers.
  let empowered = 0;
  let waivers = 0;
  for (const b of bodies) {
    if (b.listType === 'comprehensive' && empowered < EMPOWERED && b.kind === 'penalty') {
      b.townPowers = Object.fromEntries(empoweredTowns.map((t) => [t, 'empowered' as const]));
      empowered += 1;
    }
    if (b.kind === 'penalty' && waivers < FIRST_VIOLATION && rng.chance(0.12)) {
      b.flags = { ...b.flags, firstViolationWaiver: true, lightViolationCommitment: rng.chance(0.5) };
      waivers += 1;
    }
  }
  const rows = bodies.map((b) => {
    const id = randomUUID();
    return { id, v: { ...b, matterId: id, version: 1 } as MatterVersion };
  });
  const now = clock.now();
  await db.transaction(async (tx) => {
    await catalogRepository.insertMatters(tx, rows, null, now);
    const list = (kind: (typeof matterLists.$inferSelect)['kind'], pick: (v: MatterVersion) => boolean) => ({
      id: randomUUID(),
      kind,
      version: 1,
      effectiveFrom: EFFECTIVE,
      announcement: ANNOUNCEMENT,
      matterIds: rows.filter((r) => pick(r.v)).map((r) => r.id),
      createdAt: now,
      createdBy: null,
    });
    const lists = [
      list('first_violation_waiver', (v) => v.flags.firstViolationWaiver),
      list('light_violation_commitment', (v) => v.flags.lightViolationCommitment),
      list('minor_no_penalty', (v) => v.flags.firstViolationWaiver && v.domain === '城市管理'),
    ];
    for (const l of lists) await catalogRepository.insertList(tx, l);
    await audit.append(
      tx,
      SYSTEM_ACTOR,
      [
        {
          action: 'demo.seed',
          entityType: 'matters',
          entityId: 'catalog',
          after: { rows: rows.length, sample: values.length },
        },
        ...lists.map((l) => ({
          action: 'demo.seed',
          entityType: 'matter_list',
          entityId: `${l.kind}:1`,
          after: { rows: l.matterIds.length },
        })),
      ],
      now,
    );
  });
  await database.query('ANALYZE matters');
  return rows.length;
}

function synthetic(rng: Rng, i: number, domain: string, listType: MatterCreate['listType']): MatterCreate {
  const object = rng.pick(OBJECTS[domain]!);
  const act = rng.pick(ACTS);
  const kind = rng.chance(0.85) ? 'penalty' : rng.chance(0.6) ? 'inspection' : 'coercive_measure';
  const verb = kind === 'penalty' ? '行政处罚' : kind === 'inspection' ? '行政检查' : '行政强制';
  const max = rng.pick([2000, 5000, 10000, 20000, 30000, 50000, 100000]) * 100;
  const law = `《${domain}管理示范条例》`;
  const article = `第${rng.int(10, 60)}条`;
  const fixed = { kind: 'fixed' as const, minFen: Math.round(max / 10), maxFen: max };
  return {
    code: `3310810${String(DOMAINS.indexOf(domain as never) + 1).padStart(2, '0')}${String(i).padStart(4, '0')}`,
    name: `对${object}${act}的${verb}（演示）`,
    kind,
    domain: domain as MatterCreate['domain'],
    legalBasis: { law, article, text: '' },
    penaltyBasis:
      kind === 'penalty'
        ? { law, article: `第${rng.int(61, 90)}条`, text: `处${fixed.minFen / 100}元以上${max / 100}元以下罚款` }
        : null,
    sourceDepartment: `${domain}主管部门`,
    transferScope: listType === 'comprehensive' ? (rng.chance(0.8) ? 'all' : 'part') : null,
    responsibilityBoundary:
      listType === 'comprehensive'
        ? `${object}的日常监管由主管部门负责，综合行政执法部门负责相关违法行为的立案查处。`
        : null,
    listType,
    townPowers: {},
    defaultTownPower: 'none',
    delegatingAgency: null,
    professionalTeam: null,
    department: listType === 'in_department' ? `DEPT-${DOMAINS.indexOf(domain as never) + 1}` : null,
    flags: { firstViolationWaiver: false, lightViolationCommitment: false, highFrequency: i % 400 === 0 },
    published: true,
    withdrawn: false,
    discretion:
      kind === 'penalty'
        ? {
            tiers: {
              first: { individual: fixed, organisation: fixed, discretionary: false, label: null },
              failure_to_correct: null,
              serious: null,
            },
            bands: {},
            splitPct: 50,
            reducedFloorPct: 0,
            strictLiability: false,
            source: null,
          }
        : null,
    effectiveFrom: EFFECTIVE,
    announcement: ANNOUNCEMENT,
  };
}
