import type { Circumstance } from '../catalog/schemas.ts';
import type { EvidenceType } from './evidence.ts';
import type { CaseProcedureKind, PenaltyKind } from './kinds.ts';

/*
 * Standard case templates (标准化办案模板, issue 10 §10) for high-frequency matters: the facts text with blanks, the
 * evidence checklist, the usual discretion and the documents. A template pre-fills a new case; the officer edits
 * everything. Wenling finished its first 13 (seed 002) but the seeds do not name them, so the examples below are
 * three frequent street-level matters of the sample catalog (catalog/fixtures/catalog-sample.csv, rows 7, 13 and 70);
 * a county loads its own as data of this type.
 */

export interface CaseTemplate {
  id: string;
  /** The catalog matter it is for, by name as the catalog writes it (codes differ per county). */
  matterName: string;
  title: { zh: string; en: string };
  usualProcedure: CaseProcedureKind;
  /** 违法事实 with blanks in braces: {date}, {place}, {party}, {quantity}. */
  factsTemplate: string;
  evidenceChecklist: readonly { type: EvidenceType; what: string; required: boolean }[];
  usualDiscretion: { circumstance: Circumstance; penalties: readonly PenaltyKind[]; note: string };
  /** Document kinds of SPEC §5 the case usually needs, in order. */
  documents: readonly string[];
}

export const CASE_TEMPLATES: readonly CaseTemplate[] = [
  {
    id: 'street-vending',
    matterName: '对擅自占用城市人行道、桥梁、地下通道以及其他公共场所设摊经营、兜售物品的行政处罚',
    title: { zh: '占道设摊经营', en: 'Street vending on public space' },
    usualProcedure: 'simple',
    factsTemplate: '{date}，当事人{party}在{place}擅自占用人行道设摊经营，经责令改正后拒不改正。',
    evidenceChecklist: [
      { type: 'audio_visual', what: '现场照片或执法记录仪视频（占道位置、摊位）', required: true },
      { type: 'inspection_record', what: '现场检查笔录', required: true },
      { type: 'party_statement', what: '当事人陈述（询问笔录）', required: false },
    ],
    usualDiscretion: { circumstance: 'minor', penalties: ['warning', 'fine'], note: '拒不改正的，可处五十元以下罚款' },
    documents: ['现场检查笔录', '责令改正通知书', '当场行政处罚决定书'],
  },
  {
    id: 'illegal-posting',
    matterName: '对在树木、地面、电杆、建筑物、构筑物或者其他设施上任意刻画、涂写、张贴的行政处罚',
    title: { zh: '乱涂写、乱张贴', en: 'Graffiti and fly-posting' },
    usualProcedure: 'simple',
    factsTemplate: '{date}，当事人{party}在{place}任意张贴小广告{quantity}处，经责令限期清除，逾期未清除。',
    evidenceChecklist: [
      { type: 'audio_visual', what: '张贴物照片（位置、数量、联系电话）', required: true },
      { type: 'inspection_record', what: '现场检查笔录', required: true },
      { type: 'documentary', what: '责令限期清除通知书及送达回证', required: true },
    ],
    usualDiscretion: {
      circumstance: 'ordinary',
      penalties: ['fine'],
      note: '逾期不清除的，处五十元以上三百元以下罚款',
    },
    documents: ['现场检查笔录', '责令改正通知书', '行政处罚事先告知书', '行政处罚决定书', '送达回证'],
  },
  {
    id: 'restaurant-fumes',
    matterName:
      '对排放油烟的餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，超过排放标准排放油烟的行政处罚',
    title: { zh: '餐饮油烟超标排放', en: 'Restaurant fumes above the standard' },
    usualProcedure: 'general',
    factsTemplate: '{date}，当事人{party}在{place}经营餐饮，未安装油烟净化设施，超过排放标准排放油烟。',
    evidenceChecklist: [
      { type: 'inspection_record', what: '现场检查笔录（净化设施安装、使用情况）', required: true },
      { type: 'expert_opinion', what: '油烟排放检测报告', required: true },
      { type: 'documentary', what: '营业执照复印件', required: true },
      { type: 'party_statement', what: '询问笔录', required: true },
      { type: 'audio_visual', what: '现场照片、视频', required: false },
    ],
    usualDiscretion: { circumstance: 'ordinary', penalties: ['fine'], note: '责令改正，处五千元以上五万元以下罚款' },
    documents: [
      '立案审批表',
      '现场检查笔录',
      '询问笔录',
      '责令改正通知书',
      '行政处罚事先告知书',
      '行政处罚决定书',
      '送达回证',
      '结案报告',
    ],
  },
];

/** Fill a template's facts text: each {name} with the value given, unknown blanks left as they are. */
export function fillFacts(t: CaseTemplate, values: Readonly<Record<string, string>>): string {
  return t.factsTemplate.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}
