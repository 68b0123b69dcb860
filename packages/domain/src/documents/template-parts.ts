import type { TemplateBlock, TemplateField } from './template.ts';

/*
 * Shorthands for writing the shipped templates as data (they build plain objects, no behaviour): a text field, a
 * signer, a paragraph, and the recurring pieces of the official forms — the party lines, the two officers and the
 * party signing (a refusal prints as such, APL-51/52), the remedy sentence.
 */

export const text = (name: string, label: string, required = true): TemplateField => ({
  name,
  label,
  type: 'text',
  required,
});
export const signer = (name: string, label: string, required = true): TemplateField => ({
  name,
  label,
  type: 'signature',
  required,
});
export const table = (name: string, label: string, required = true): TemplateField => ({
  name,
  label,
  type: 'table',
  required,
});
export const para = (t: string, indent = true): TemplateBlock => ({ type: 'paragraph', text: t, indent });
export const line = (t: string): TemplateBlock => para(t, false);
export const heading = (t: string): TemplateBlock => ({ type: 'heading', text: t });

/** 当事人 and its address/identity, as most forms open. */
export const PARTY_FIELDS: TemplateField[] = [
  text('partyName', '当事人'),
  text('partyIdNumber', '统一社会信用代码/身份证号', false),
  text('partyAddress', '住所（地址）'),
];
export const PARTY_LINES: TemplateBlock[] = [
  line('当事人：{{partyName}}'),
  line('统一社会信用代码/身份证号：{{partyIdNumber}}'),
  line('住所（地址）：{{partyAddress}}'),
];

/** Two officers (APL-42: at least two) and the party, who may refuse to sign. */
export const OFFICER_PARTY_SIGNERS: TemplateField[] = [
  signer('officer1', '执法人员'),
  signer('officer2', '执法人员'),
  signer('partySignature', '当事人'),
];
export const OFFICER_PARTY_SIGNATURES: TemplateBlock = {
  type: 'signatures',
  signers: [
    { field: 'officer1', label: '执法人员' },
    { field: 'officer2', label: '执法人员' },
    { field: 'partySignature', label: '当事人' },
  ],
};

/** Internal approval forms: the handling officers and the approving head. */
export const APPROVAL_SIGNERS: TemplateField[] = [
  signer('officer1', '承办人'),
  signer('officer2', '承办人'),
  signer('approver', '负责人'),
];
export const APPROVAL_SIGNATURES: TemplateBlock = {
  type: 'signatures',
  signers: [
    { field: 'officer1', label: '承办人' },
    { field: 'officer2', label: '承办人' },
    { field: 'approver', label: '负责人' },
  ],
};

export const REMEDY_FIELDS: TemplateField[] = [text('reconsiderationBody', '复议机关'), text('court', '管辖法院')];
export const REMEDY_SENTENCE =
  '如不服本决定，可以在收到本决定书之日起六十日内向{{reconsiderationBody}}申请行政复议，也可以在六个月内依法向{{court}}提起行政诉讼。';
