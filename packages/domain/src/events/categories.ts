/*
 * Event categories (SPEC §3): what a grid worker, a hotline operator or a camera reports. Each category is an
 * Open311 service (its code is the service_code), names the catalog matter it is triaged to (by the matter's exact
 * name: the real rows of the county catalog), and carries its deadline (SLA) per urgency and its duplicate window.
 * This is the shipped default; a county changes it in the event_categories table.
 */

export type SlaUnit = 'working_days' | 'hours';

export interface Sla {
  readonly unit: SlaUnit;
  readonly n: number;
}

export interface EventCategory {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** Open311 group; also the dashboard's breakdown. */
  readonly group: 'city_appearance' | 'environment' | 'construction' | 'facilities' | 'other';
  /** Exact name of the catalog matter this category is triaged to; null → the operator picks one. */
  readonly matterName: string | null;
  readonly sla: { readonly normal: Sla; readonly urgent: Sla };
  /** Duplicate window: a report this close in space and time to an open event of the category is offered as one. */
  readonly duplicateRadiusM: number;
  readonly duplicateWindowHours: number;
  /** Whether video AI may raise it (SPEC §3: parking, vending, exposed garbage, business outside the shop). */
  readonly videoAi: boolean;
}

const day2 = { normal: { unit: 'working_days', n: 2 }, urgent: { unit: 'hours', n: 4 } } as const;
const day5 = { normal: { unit: 'working_days', n: 5 }, urgent: { unit: 'working_days', n: 1 } } as const;
const hour = { normal: { unit: 'hours', n: 24 }, urgent: { unit: 'hours', n: 2 } } as const;

export const EVENT_CATEGORIES: readonly EventCategory[] = [
  {
    code: 'street_vending',
    zh: '占道经营（流动摊贩）',
    en: 'Street vending',
    group: 'city_appearance',
    matterName: '对擅自占用城市人行道、桥梁、地下通道以及其他公共场所设摊经营、兜售物品的行政处罚',
    sla: hour,
    duplicateRadiusM: 50,
    duplicateWindowHours: 4,
    videoAi: true,
  },
  {
    code: 'outside_shop',
    zh: '店外经营',
    en: 'Business outside the shop',
    group: 'city_appearance',
    matterName: '对沿街和广场周边的经营者擅自超出门、窗进行店外经营、作业或者展示商品的行政处罚',
    sla: hour,
    duplicateRadiusM: 30,
    duplicateWindowHours: 24,
    videoAi: true,
  },
  {
    code: 'exposed_garbage',
    zh: '暴露垃圾',
    en: 'Exposed garbage',
    group: 'environment',
    matterName: '对随意倾倒、抛撒、堆放或者焚烧生活垃圾的行政处罚',
    sla: hour,
    duplicateRadiusM: 50,
    duplicateWindowHours: 24,
    videoAi: true,
  },
  {
    code: 'illegal_parking',
    zh: '违规停放',
    en: 'Illegal parking',
    group: 'city_appearance',
    matterName: '对擅自占用或者挖掘城市道路的行政处罚',
    sla: { normal: { unit: 'hours', n: 4 }, urgent: { unit: 'hours', n: 1 } },
    duplicateRadiusM: 20,
    duplicateWindowHours: 2,
    videoAi: true,
  },
  {
    code: 'illegal_posting',
    zh: '乱张贴、乱涂写',
    en: 'Illegal posting and graffiti',
    group: 'city_appearance',
    matterName: '对在树木、地面、电杆、建筑物、构筑物或者其他设施上任意刻画、涂写、张贴的行政处罚',
    sla: day2,
    duplicateRadiusM: 50,
    duplicateWindowHours: 72,
    videoAi: false,
  },
  {
    code: 'outdoor_advertising',
    zh: '违规户外广告',
    en: 'Unauthorised outdoor advertising',
    group: 'city_appearance',
    matterName: '对未经市容环境卫生主管部门同意擅自设置大型户外广告、影响市容的行政处罚',
    sla: day5,
    duplicateRadiusM: 50,
    duplicateWindowHours: 168,
    videoAi: false,
  },
  {
    code: 'piled_materials',
    zh: '乱堆物料、乱搭建',
    en: 'Materials piled in public space',
    group: 'city_appearance',
    matterName: '对擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施的行政处罚',
    sla: day2,
    duplicateRadiusM: 50,
    duplicateWindowHours: 72,
    videoAi: false,
  },
  {
    code: 'construction_waste',
    zh: '建筑垃圾乱倒',
    en: 'Construction waste dumping',
    group: 'construction',
    matterName: '对工程施工单位擅自倾倒、抛撒或者堆放工程施工过程中产生的建筑垃圾的行政处罚',
    sla: day2,
    duplicateRadiusM: 100,
    duplicateWindowHours: 72,
    videoAi: false,
  },
  {
    code: 'cooking_fumes',
    zh: '餐饮油烟扰民',
    en: 'Restaurant cooking fumes',
    group: 'environment',
    matterName:
      '对排放油烟的餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，超过排放标准排放油烟的行政处罚',
    sla: day5,
    duplicateRadiusM: 50,
    duplicateWindowHours: 168,
    videoAi: false,
  },
  {
    code: 'noise',
    zh: '社会生活噪声',
    en: 'Neighbourhood noise',
    group: 'environment',
    matterName: '对超过噪声排放标准排放社会生活噪声的行政处罚',
    sla: hour,
    duplicateRadiusM: 100,
    duplicateWindowHours: 6,
    videoAi: false,
  },
  {
    code: 'construction_noise',
    zh: '夜间施工噪声',
    en: 'Night construction noise',
    group: 'construction',
    matterName: '对未按照规定取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业的行政处罚',
    sla: { normal: { unit: 'hours', n: 12 }, urgent: { unit: 'hours', n: 2 } },
    duplicateRadiusM: 150,
    duplicateWindowHours: 12,
    videoAi: false,
  },
  {
    code: 'illegal_building',
    zh: '违法建设',
    en: 'Illegal construction',
    group: 'construction',
    matterName: '对未经批准进行临时建设的行政处罚',
    sla: day5,
    duplicateRadiusM: 80,
    duplicateWindowHours: 720,
    videoAi: false,
  },
  {
    code: 'road_occupation',
    zh: '擅自占用挖掘道路',
    en: 'Road dug up or occupied without a permit',
    group: 'facilities',
    matterName: '对占用城市道路期满或者挖掘城市道路后不及时清理现场的行政处罚',
    sla: day2,
    duplicateRadiusM: 100,
    duplicateWindowHours: 72,
    videoAi: false,
  },
  {
    code: 'greenery_damage',
    zh: '损坏绿化',
    en: 'Damaged trees or greenery',
    group: 'facilities',
    matterName: '对损坏城市树木花草的行政处罚',
    sla: day5,
    duplicateRadiusM: 50,
    duplicateWindowHours: 168,
    videoAi: false,
  },
  {
    code: 'other',
    zh: '其他',
    en: 'Other',
    group: 'other',
    matterName: null,
    sla: day5,
    duplicateRadiusM: 30,
    duplicateWindowHours: 24,
    videoAi: false,
  },
];

const BY_CODE = new Map(EVENT_CATEGORIES.map((c) => [c.code, c]));

export function categoryOf(code: string): EventCategory | undefined {
  return BY_CODE.get(code);
}
