import { DOMAINS } from '../organization/schemas.ts';

export type Domain = (typeof DOMAINS)[number];

/**
 * Names that published catalogs use for a domain we already have under a shorter name. County catalogs name a
 * domain after the department (住房和城乡建设局, 文化和广电旅游体育局, 农业农村局); teams and certificates use the
 * domain names of the "1+8+1" structure (seed 002). One canonical name per domain keeps certificate scope checks
 * (APL-42) working: an officer certified for 农业 acts on a matter the catalog lists under 农业农村.
 */
export const DOMAIN_ALIASES: Readonly<Record<string, Domain>> = Object.freeze({
  住房和城乡建设: '住房建设',
  住房城乡建设: '住房建设',
  文化旅游: '文化市场',
  文化和旅游: '文化市场',
  农业农村: '农业',
});

const KNOWN = new Set<string>(DOMAINS);

/** The canonical domain for a name in a published catalog, or null when it is not one we know. */
export function normaliseDomain(name: string): Domain | null {
  const n = name.normalize('NFC').trim();
  if (KNOWN.has(n)) return n as Domain;
  return DOMAIN_ALIASES[n] ?? null;
}

/**
 * The domain a transferred matter belongs to, read from the department it was transferred from (划出部门) — the
 * county's own catalog layout (SPEC §1: 序号, 事项代码, 事项名称, 法律依据, 划转范围, 具体职责边界, 划出部门) has no
 * domain column. The first keyword found wins, so the order matters: "环境卫生" (city appearance) before "卫生",
 * "民政部门（会同建设…）" before "建设", "旅游…或者市场监督" before "市场监督", "自然资源…、农业农村" before "农业".
 * Null when no keyword applies (the importer then uses the default domain it was given, or reports the row).
 */
const DEPARTMENT_KEYWORDS: readonly [RegExp, Domain][] = [
  [/市容|环境卫生|环卫|市政|绿化|生活垃圾|城市管理|城管|综合执法/, '城市管理'],
  // "人民政府" contains 民政: only 民政 not preceded by 人 names the civil-affairs department.
  [/(?<!人)民政|地名/, '民政'],
  [/宗教|民族/, '民宗'],
  [/自然资源|国土|测绘/, '自然资源'],
  [/生态环境|环境保护|环保/, '生态环境'],
  [/水行政|水利|水务/, '水利'],
  [/规划|乡、镇人民政府|乡级人民政府/, '城乡规划'],
  [/燃气|房地产|排水|住房|建设/, '住房建设'],
  [/交通|公路|运输|港航|海事/, '交通运输'],
  [/档案/, '档案'],
  [/人民防空|人防/, '人防'],
  [/林业/, '林业'],
  [/农业|畜牧|渔业|兽医/, '农业'],
  [/安全生产|应急/, '应急管理'],
  [/广播电视|广电/, '广电'],
  [/文化|文物|旅游|体育/, '文化市场'],
  [/卫生|健康|疾病/, '卫生健康'],
  [/市场监督|市场监管|工商|质量技术|食品药品|商务/, '市场监管'],
  [/消防/, '消防救援'],
];

export function domainOfDepartment(department: string): Domain | null {
  const d = department.normalize('NFC');
  for (const [re, domain] of DEPARTMENT_KEYWORDS) if (re.test(d)) return domain;
  return null;
}
