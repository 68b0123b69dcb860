// Labels and texts of discretion explanations (zh and en), and the articles they cite.
import { formatMoney, toBasisPoints, type Fen } from './money.ts';
import { type Circumstance, type LegalReference, type PartyType, type Tier } from './schemas.ts';
import type { AggravatingFactor, MitigatingFactor, MoneyRange } from './discretion.ts';

export const APL = '《中华人民共和国行政处罚法》';
export const ART = {
  'APL-30': `${APL}第三十条`,
  'APL-31': `${APL}第三十一条`,
  'APL-32': `${APL}第三十二条`,
  'APL-33(a)': `${APL}第三十三条第一款`,
  'APL-33(b)': `${APL}第三十三条第一款`,
  'APL-33(c)': `${APL}第三十三条第二款`,
  'APL-33-EDU': `${APL}第三十三条第三款`,
  'ZJ-LV': '轻微违法告知承诺制（县级实施意见，ZJ-LV）',
} as const;

export const TIER_ZH: Record<Tier, string> = {
  first: '基础档',
  failure_to_correct: '逾期不改正/拒不改正档',
  serious: '情节严重档',
};
export const TIER_EN: Record<Tier, string> = {
  first: 'first tier',
  failure_to_correct: 'failure-to-correct tier',
  serious: 'serious tier',
};
export const PARTY_ZH: Record<PartyType, string> = { individual: '个人', organisation: '单位' };
export const CIRC_ZH: Record<Circumstance, string> = {
  minor: '轻微',
  ordinary: '一般',
  serious: '较重',
  grave: '严重',
};
export const CIRC_EN: Record<Circumstance, string> = {
  minor: 'minor',
  ordinary: 'ordinary',
  serious: 'serious',
  grave: 'grave',
};
export const MITIGATING_ZH: Record<MitigatingFactor, string> = {
  removed_harm: '主动消除或者减轻违法行为危害后果',
  coerced_or_deceived: '受他人胁迫或者诱骗实施违法行为',
  confessed_unknown_violation: '主动供述行政机关尚未掌握的违法行为',
  meritorious_cooperation: '配合行政机关查处违法行为有立功表现',
  other_statutory_mitigation: '法律、法规、规章规定其他应当从轻或者减轻的情形',
};
export const AGGRAVATING_ZH: Record<AggravatingFactor, string> = {
  repeat_violation: '多次违法',
  obstructed_enforcement: '阻碍、抗拒执法',
  destroyed_evidence: '隐匿、销毁证据',
  serious_consequences: '造成较重危害后果',
  harmed_vulnerable_groups: '侵害未成年人、老年人等群体',
  during_emergency: '突发事件期间实施',
};
export const MULTIPLE_BASE_ZH: Record<string, string> = {
  illegal_gains: '违法所得',
  goods_value: '货值金额',
  turnover: '违法经营额',
  market_value: '市场价值',
  construction_cost: '建设工程造价',
  contract_price: '工程合同价款',
  fee_due: '应缴费用',
  timber_value: '林木价值',
  restoration_cost: '恢复所需费用',
  sales_amount: '制造、销售金额',
  other: '计罚基数',
};

/** 《某法》第X条 — how an article is cited in explanations. */
export function citeArticle(ref: LegalReference | null): string {
  return ref ? `${ref.law}${ref.article}` : '';
}

export const money = (fen: Fen): { zh: string; en: string } => ({
  zh: formatMoney(fen, 'zh'),
  en: formatMoney(fen, 'en'),
});
export const rangeText = (r: MoneyRange) => ({
  zh: `${money(r.minFen).zh}至${money(r.maxFen).zh}（含本数）`,
  en: `${money(r.minFen).en} to ${money(r.maxFen).en} (both inclusive)`,
});
export const multipleText = (m: number): { zh: string; en: string } => {
  if (m < 1) {
    const pct = (toBasisPoints(m) as number) / 100;
    return { zh: `百分之${pct}`, en: `${pct} %` };
  }
  return { zh: `${m}倍`, en: `${m}×` };
};
