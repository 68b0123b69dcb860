import type { TemplateBody } from './template.ts';
import {
  CASE_CLOSING_REPORT_TEMPLATE,
  CASE_TRANSFER_TEMPLATE,
  CRIMINAL_TRANSFER_TEMPLATE,
  ENFORCEMENT_APPLICATION_TEMPLATE,
  HEARING_NOTICE_TEMPLATE,
  HEARING_RECORD_TEMPLATE,
  HEARING_RIGHTS_NOTICE_TEMPLATE,
  MINOR_VIOLATION_COMMITMENT_TEMPLATE,
  NO_PENALTY_DECISION_TEMPLATE,
  PAYMENT_REMINDER_TEMPLATE,
} from './templates-decision.ts';
import {
  COLLECTIVE_DISCUSSION_RECORD_TEMPLATE,
  EVIDENCE_PRESERVATION_DECISION_TEMPLATE,
  EVIDENCE_PRESERVATION_NOTICE_TEMPLATE,
  EXTENSION_APPROVAL_TEMPLATE,
  FILING_APPROVAL_TEMPLATE,
  INQUIRY_RECORD_TEMPLATE,
  INVESTIGATION_FINAL_REPORT_TEMPLATE,
  LEGAL_REVIEW_OPINION_TEMPLATE,
  RECTIFICATION_NOTICE_TEMPLATE,
  SITE_INSPECTION_RECORD_TEMPLATE,
} from './templates-investigation.ts';

/*
 * The templates shipped with the platform (seeded as version 1 of each kind). A county edits them as data (a new
 * version), and adds the other official documents the same way: a new kind is a new template, not code.
 */

const REMEDY =
  '如不服本决定，可以在收到本决定书之日起六十日内向{{reconsiderationBody}}申请行政复议，或者在六个月内依法向{{court}}提起行政诉讼。';

export const PENALTY_DECISION_TEMPLATE: TemplateBody = {
  title: '行政处罚决定书',
  numberWord: '罚决字',
  fields: [
    { name: 'partyName', label: '当事人', type: 'text', required: true },
    { name: 'partyIdNumber', label: '统一社会信用代码/身份证号', type: 'text', required: false },
    { name: 'partyAddress', label: '住所（地址）', type: 'text', required: true },
    { name: 'facts', label: '违法事实', type: 'text', required: true },
    { name: 'evidence', label: '证据', type: 'text', required: true },
    { name: 'basis', label: '处罚依据', type: 'text', required: true },
    { name: 'penalty', label: '处罚内容', type: 'text', required: true },
    { name: 'complianceManner', label: '履行方式', type: 'text', required: true },
    { name: 'complianceDeadline', label: '履行期限', type: 'text', required: true },
    { name: 'remedy', label: '救济途径和期限', type: 'text', required: true },
    { name: 'reconsiderationBody', label: '复议机关', type: 'text', required: false },
    { name: 'court', label: '管辖法院', type: 'text', required: false },
    { name: 'decisionDate', label: '决定日期', type: 'text', required: true },
  ],
  blocks: [
    { type: 'title', text: '行政处罚决定书' },
    { type: 'number' },
    { type: 'paragraph', text: '当事人：{{partyName}}', indent: false },
    { type: 'paragraph', text: '统一社会信用代码/身份证号：{{partyIdNumber}}', indent: false },
    { type: 'paragraph', text: '住所（地址）：{{partyAddress}}', indent: false },
    { type: 'paragraph', text: '{{facts}}', indent: true },
    { type: 'paragraph', text: '以上事实有下列证据证明：{{evidence}}', indent: true },
    { type: 'paragraph', text: '{{basis}}', indent: true },
    { type: 'paragraph', text: '本机关决定：{{penalty}}', indent: true },
    { type: 'paragraph', text: '履行方式：{{complianceManner}}履行期限：{{complianceDeadline}}', indent: true },
    { type: 'paragraph', text: `{{remedy}}`, indent: true },
    { type: 'seal', dateField: 'decisionDate' },
  ],
};

export const PRIOR_NOTICE_TEMPLATE: TemplateBody = {
  title: '行政处罚事先告知书',
  numberWord: '罚告字',
  fields: [
    { name: 'partyName', label: '当事人', type: 'text', required: true },
    { name: 'partyAddress', label: '住所（地址）', type: 'text', required: true },
    { name: 'facts', label: '违法事实', type: 'text', required: true },
    { name: 'basis', label: '处罚依据', type: 'text', required: true },
    { name: 'proposedPenalty', label: '拟作出的处罚', type: 'text', required: true },
    { name: 'replyDays', label: '陈述申辩期限（日）', type: 'text', required: true },
    { name: 'contact', label: '联系人及电话', type: 'text', required: true },
    { name: 'noticeDate', label: '告知日期', type: 'text', required: true },
  ],
  blocks: [
    { type: 'title', text: '行政处罚事先告知书' },
    { type: 'number' },
    { type: 'paragraph', text: '{{partyName}}：', indent: false },
    { type: 'paragraph', text: '经调查，你（单位）{{facts}}', indent: true },
    {
      type: 'paragraph',
      text: '依据{{basis}}，本机关拟对你（单位）作出如下行政处罚：{{proposedPenalty}}',
      indent: true,
    },
    {
      type: 'paragraph',
      text: '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。如有陈述、申辩意见，请于收到本告知书之日起{{replyDays}}日内向本机关提出，逾期视为放弃上述权利。',
      indent: true,
    },
    { type: 'paragraph', text: '联系人及电话：{{contact}}', indent: true },
    { type: 'paragraph', text: '当事人地址：{{partyAddress}}', indent: true },
    { type: 'seal', dateField: 'noticeDate' },
  ],
};

export const SERVICE_RECEIPT_TEMPLATE: TemplateBody = {
  title: '送达回证',
  numberWord: '送字',
  fields: [
    { name: 'recipient', label: '受送达人', type: 'text', required: true },
    { name: 'serviceAddress', label: '送达地点', type: 'text', required: true },
    { name: 'serviceMethod', label: '送达方式', type: 'text', required: true },
    { name: 'servedDocuments', label: '送达文书', type: 'table', required: true },
    { name: 'officer1', label: '送达人', type: 'signature', required: true },
    { name: 'officer2', label: '送达人', type: 'signature', required: true },
    { name: 'recipientSignature', label: '受送达人签收', type: 'signature', required: true },
    { name: 'note', label: '备注', type: 'text', required: false },
    { name: 'serviceDate', label: '送达日期', type: 'text', required: true },
  ],
  blocks: [
    { type: 'title', text: '送达回证' },
    { type: 'number' },
    { type: 'paragraph', text: '受送达人：{{recipient}}', indent: false },
    { type: 'paragraph', text: '送达地点：{{serviceAddress}}', indent: false },
    { type: 'paragraph', text: '送达方式：{{serviceMethod}}', indent: false },
    {
      type: 'table',
      field: 'servedDocuments',
      columns: [
        { key: 'title', label: '送达文书名称', width: 3 },
        { key: 'number', label: '文号', width: 3 },
        { key: 'pages', label: '页数', width: 1 },
      ],
    },
    {
      type: 'signatures',
      signers: [
        { field: 'officer1', label: '送达人' },
        { field: 'officer2', label: '送达人' },
        { field: 'recipientSignature', label: '受送达人' },
      ],
    },
    { type: 'paragraph', text: '备注：{{note}}', indent: false },
    { type: 'seal', dateField: 'serviceDate' },
  ],
};

export const ON_SPOT_DECISION_TEMPLATE: TemplateBody = {
  title: '当场行政处罚决定书',
  numberWord: '当罚字',
  fields: [
    { name: 'partyName', label: '当事人', type: 'text', required: true },
    { name: 'partyAddress', label: '住所（地址）', type: 'text', required: true },
    { name: 'facts', label: '违法事实', type: 'text', required: true },
    { name: 'evidence', label: '证据', type: 'text', required: true },
    { name: 'basis', label: '处罚依据', type: 'text', required: true },
    { name: 'penalty', label: '处罚内容', type: 'text', required: true },
    { name: 'complianceManner', label: '履行方式', type: 'text', required: true },
    { name: 'complianceDeadline', label: '履行期限', type: 'text', required: true },
    { name: 'remedy', label: '救济途径和期限', type: 'text', required: true },
    { name: 'place', label: '处罚地点', type: 'text', required: true },
    { name: 'officer1', label: '执法人员', type: 'signature', required: true },
    { name: 'officer2', label: '执法人员', type: 'signature', required: true },
    { name: 'partySignature', label: '当事人', type: 'signature', required: true },
    { name: 'decisionDate', label: '决定日期', type: 'text', required: true },
  ],
  blocks: [
    { type: 'title', text: '当场行政处罚决定书' },
    { type: 'number' },
    { type: 'paragraph', text: '当事人：{{partyName}}', indent: false },
    { type: 'paragraph', text: '住所（地址）：{{partyAddress}}', indent: false },
    { type: 'paragraph', text: '{{facts}}以上事实有{{evidence}}为证。', indent: true },
    { type: 'paragraph', text: '依据{{basis}}，当场作出如下行政处罚决定：{{penalty}}', indent: true },
    { type: 'paragraph', text: '履行方式及期限：{{complianceManner}}{{complianceDeadline}}', indent: true },
    { type: 'paragraph', text: '{{remedy}}', indent: true },
    { type: 'paragraph', text: '处罚地点：{{place}}', indent: false },
    {
      type: 'signatures',
      signers: [
        { field: 'officer1', label: '执法人员' },
        { field: 'officer2', label: '执法人员' },
        { field: 'partySignature', label: '当事人' },
      ],
    },
    { type: 'seal', dateField: 'decisionDate' },
  ],
};

/** Shipped templates by kind (version 1 of each), in the order a case meets them. */
export const SHIPPED_TEMPLATES: Record<string, TemplateBody> = {
  filing_approval: FILING_APPROVAL_TEMPLATE,
  site_inspection_record: SITE_INSPECTION_RECORD_TEMPLATE,
  inquiry_record: INQUIRY_RECORD_TEMPLATE,
  evidence_preservation_notice: EVIDENCE_PRESERVATION_NOTICE_TEMPLATE,
  evidence_preservation_decision: EVIDENCE_PRESERVATION_DECISION_TEMPLATE,
  rectification_notice: RECTIFICATION_NOTICE_TEMPLATE,
  extension_approval: EXTENSION_APPROVAL_TEMPLATE,
  investigation_final_report: INVESTIGATION_FINAL_REPORT_TEMPLATE,
  legal_review_opinion: LEGAL_REVIEW_OPINION_TEMPLATE,
  collective_discussion_record: COLLECTIVE_DISCUSSION_RECORD_TEMPLATE,
  prior_notice: PRIOR_NOTICE_TEMPLATE,
  hearing_rights_notice: HEARING_RIGHTS_NOTICE_TEMPLATE,
  hearing_notice: HEARING_NOTICE_TEMPLATE,
  hearing_record: HEARING_RECORD_TEMPLATE,
  penalty_decision: PENALTY_DECISION_TEMPLATE,
  on_spot_decision: ON_SPOT_DECISION_TEMPLATE,
  no_penalty_decision: NO_PENALTY_DECISION_TEMPLATE,
  service_receipt: SERVICE_RECEIPT_TEMPLATE,
  payment_reminder: PAYMENT_REMINDER_TEMPLATE,
  enforcement_application: ENFORCEMENT_APPLICATION_TEMPLATE,
  case_transfer: CASE_TRANSFER_TEMPLATE,
  criminal_transfer: CRIMINAL_TRANSFER_TEMPLATE,
  case_closing_report: CASE_CLOSING_REPORT_TEMPLATE,
  minor_violation_commitment: MINOR_VIOLATION_COMMITMENT_TEMPLATE,
};

export { REMEDY as STANDARD_REMEDY_TEXT };
