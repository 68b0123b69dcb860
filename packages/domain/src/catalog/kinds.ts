/*
 * The catalog's value lists, apart from the zod schemas that use them (schemas.ts, api.ts re-export them): the public
 * portal and the phone pages import these without downloading zod.
 */

export const MATTER_KINDS = ['penalty', 'inspection', 'coercive_measure', 'other'] as const;
export const LIST_TYPES = ['comprehensive', 'professional', 'in_department'] as const;
export const TOWN_POWERS = ['empowered', 'delegated', 'extended', 'none'] as const;
export const TRANSFER_SCOPES = ['all', 'part'] as const;
export const PARTY_TYPES = ['individual', 'organisation'] as const;
/** Statutory tiers of a penalty article: the first range, 逾期不改正/拒不改正, and 情节严重. */
export const TIERS = ['first', 'failure_to_correct', 'serious'] as const;
/** Circumstances of the discretion benchmark: 轻微 / 一般 / 较重 / 严重. */
export const CIRCUMSTANCES = ['minor', 'ordinary', 'serious', 'grave'] as const;
/** What a `multiple` fine is a multiple of. `baseLabel` carries the article's exact wording. */
export const MULTIPLE_BASES = [
  'illegal_gains', // 违法所得
  'goods_value', // 货值金额
  'turnover', // 违法经营额
  'market_value', // 市场价值 (e.g. of ore)
  'construction_cost', // 建设工程造价
  'contract_price', // 工程合同价款
  'fee_due', // 应缴费用 (耕地开垦费, 土地复垦费)
  'timber_value', // 林木价值
  'restoration_cost', // 恢复所需费用
  'sales_amount', // 制造、销售金额
  'other',
] as const;

/** The three 清单 of lenient enforcement (首违不罚, 轻微不罚, 从轻减轻). */
export const LIST_KINDS = ['first_violation_waiver', 'minor_no_penalty', 'light_violation_commitment'] as const;
