import { reason, type Reason } from '../workflow/procedure.ts';
import type { CaseFacts } from './facts.ts';
import { qualifiedOfficers } from './rules-officers.ts';

/*
 * Transfer of suspected crimes (LEGAL.md §E). TRN-5/8 [V]: a team of at least two reports; the head decides within 3
 * days; if approved, the case goes to the police within 24 hours, its file holding the transfer letter, the
 * investigation report, the list of items and any test or appraisal reports; refusals record their reasons.
 * TRN-11 [V]: a penalty never replaces a transfer; a fine already paid is offset against a criminal fine.
 */

/** TRN-5: at least two qualified investigators of the case report the suspected crime. */
export function checkTransferReporters(
  f: Pick<CaseFacts, 'investigators' | 'matter'>,
  reporterIds: readonly string[],
  today: string,
): Reason[] {
  const ids = new Set(reporterIds);
  const reporters = f.investigators.filter((o) => ids.has(o.personId));
  const ok = f.matter ? qualifiedOfficers(reporters, f.matter.domain, today) : [];
  return ok.length >= 2 && reporters.length === ids.size
    ? []
    : [
        reason(
          'TRN-5/8',
          '涉嫌犯罪案件应当由两名以上行政执法人员组成专案组专门核实情况后提出移送书面报告（《行政执法机关移送涉嫌犯罪案件的规定》第五条）',
          'A suspected crime is reported by a team of at least two officers of the case (TRN art. 5)',
          'body.reporterIds',
        ),
      ];
}

/** TRN-8: the documents the transfer file holds. */
export const TRANSFER_DOCUMENTS = ['transfer_letter', 'investigation_report', 'item_list'] as const;

export function checkTransferFile(documents: ReadonlySet<string>): Reason[] {
  const missing = TRANSFER_DOCUMENTS.filter((d) => !documents.has(d));
  return missing.length === 0
    ? []
    : [
        reason(
          'TRN-5/8',
          `移送涉嫌犯罪案件应当附有涉嫌犯罪案件移送书、调查报告、涉案物品清单及有关检验报告或者鉴定意见（《行政执法机关移送涉嫌犯罪案件的规定》第六条）；缺少：${missing.join('、')}`,
          `A transfer file holds the transfer letter, the investigation report, the list of items and any test reports (TRN art. 6); missing: ${missing.join(', ')}`,
          'documents',
        ),
      ];
}

/** TRN-11: a fine already paid is stated in the transfer, to be offset against a criminal fine. */
export function checkFineOffset(paidFen: number, offsetFen: number): Reason[] {
  return paidFen === offsetFen
    ? []
    : [
        reason(
          'TRN-11',
          `行政执法机关移送前已经作出的罚款决定，人民法院判处罚金时依法折抵（《行政执法机关移送涉嫌犯罪案件的规定》第十一条）：移送书须载明已缴罚款 ${paidFen / 100} 元`,
          `A fine already paid is offset against a criminal fine (TRN art. 11): the transfer states the ${paidFen / 100} yuan paid`,
          'body.paidFineOffsetFen',
        ),
      ];
}

/** TRN-11: a suspected crime not transferred (or transferred and not refused by the police) blocks any penalty. */
export function checkNoPenaltyInsteadOfTransfer(f: Pick<CaseFacts, 'report' | 'transfer'>): Reason[] {
  const suspected = f.report?.suspectedCrime === true;
  const declinedByPolice = f.transfer?.kind === 'crime' && f.transfer.policeAccepted === false;
  return suspected && !declinedByPolice
    ? [
        reason(
          'TRN-11',
          '行政执法机关对应当向公安机关移送的涉嫌犯罪案件，不得以行政处罚代替移送（《行政执法机关移送涉嫌犯罪案件的规定》第十一条）',
          'A suspected crime is transferred to the police; a penalty never replaces the transfer (TRN art. 11)',
        ),
      ]
    : [];
}
