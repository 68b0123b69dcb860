import { reason, type Reason } from '../workflow/procedure.ts';

/*
 * The evidence register (issue 10 §8). APL-46 [V]: eight types of evidence. APL-41 [V]: records of electronic
 * monitoring devices are usable only after review (status `approved`). ZJ-18: evidence from another agency is usable
 * when it is valid evidence (the source is recorded).
 */

/** APL-46: 书证, 物证, 视听资料, 电子数据, 证人证言, 当事人的陈述, 鉴定意见, 勘验笔录/现场笔录. */
export const EVIDENCE_TYPES = [
  'documentary',
  'physical',
  'audio_visual',
  'electronic_data',
  'witness_testimony',
  'party_statement',
  'expert_opinion',
  'inspection_record',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, { zh: string; en: string }> = {
  documentary: { zh: '书证', en: 'Documentary evidence' },
  physical: { zh: '物证', en: 'Physical evidence' },
  audio_visual: { zh: '视听资料', en: 'Audio-visual material' },
  electronic_data: { zh: '电子数据', en: 'Electronic data' },
  witness_testimony: { zh: '证人证言', en: 'Witness testimony' },
  party_statement: { zh: '当事人的陈述', en: "Party's statement" },
  expert_opinion: { zh: '鉴定意见', en: 'Expert opinion' },
  inspection_record: { zh: '勘验笔录、现场笔录', en: 'Inspection or on-site record' },
};

export const EVIDENCE_SOURCES = ['officer', 'electronic_monitoring', 'party', 'other_agency'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export interface CaseEvidence {
  id: string;
  type: EvidenceType;
  source: EvidenceSource;
  /** Platform file ids (content hash kept by platform/files). */
  fileIds: readonly string[];
  capturedAt: Date | null;
  place: string | null;
  device: string | null;
  /** APL-41: monitoring records are reviewed before use; others are `approved` when registered. */
  reviewStatus: 'pending' | 'approved' | 'rejected';
}

/** APL-46: whether a string names one of the eight types. */
export const isEvidenceType = (t: string): t is EvidenceType => (EVIDENCE_TYPES as readonly string[]).includes(t);

/** APL-46 for a new evidence item: one of the eight types, with at least one file. */
export function checkEvidence(e: CaseEvidence): Reason[] {
  const out: Reason[] = [];
  // APL-46: 证据包括 … 证据必须经查证属实，方可作为认定案件事实的根据.
  if (!isEvidenceType(e.type))
    out.push(
      reason(
        'APL-41/46/56',
        '证据类型须为《行政处罚法》第四十六条规定的八类之一（书证、物证、视听资料、电子数据、证人证言、当事人的陈述、鉴定意见、勘验笔录和现场笔录）',
        'Evidence must be one of the eight types of APL art. 46',
        'body.evidence.type',
      ),
    );
  if (e.fileIds.length === 0)
    out.push(reason('CASE-EVIDENCE-FILE', '证据须附文件', 'Evidence needs at least one file', 'body.evidence.fileIds'));
  return out;
}

/**
 * APL-41: the evidence items that may not be relied on: monitoring records not approved, and any rejected item.
 * The reasons name each item.
 */
export function unusableEvidence(items: readonly CaseEvidence[]): Reason[] {
  return items
    .filter((e) => e.reviewStatus !== 'approved' && e.source === 'electronic_monitoring')
    .map((e) =>
      reason(
        'APL-41/46/56',
        `电子技术监控设备记录的违法事实须经审核后方可作为处罚证据（《行政处罚法》第四十一条）：${e.id} 尚未审核通过`,
        `Records of electronic monitoring devices may be used only after review (APL art. 41): ${e.id} is not approved`,
        'facts.evidence',
      ),
    );
}
