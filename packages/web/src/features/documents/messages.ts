import { registerMessages, useI18n, type I18n, type MessageKey } from '../../app/i18n.tsx';

/** Texts of the document screens (template editor, verify page, documents panel), registered when the chunk loads. */
const zh = {
  'doc.templates': '文书模板',
  'doc.templatesDescription':
    '执法文书模板即数据：修改措辞后保存为新版本，已出具的文书保留其所用版本。右侧为实时预览（样例数据，草稿水印）。',
  'doc.kind': '类型',
  'doc.title': '文书名称',
  'doc.version': '版本',
  'doc.edit': '编辑',
  'doc.body': '模板内容（JSON）',
  'doc.sample': '预览数据（JSON）',
  'doc.preview': '预览',
  'doc.previewFrame': '文书预览（PDF）',
  'doc.save': '保存为新版本',
  'doc.saved': '已保存为第 {version} 版',
  'doc.badJson': 'JSON 格式错误：{message}',
  'doc.previewing': '正在生成预览…',
  'doc.verify': '文书核验',
  'doc.verifyIntro': '核对纸质文书：文号、签发机关、日期与文件哈希一致即为本机关出具。',
  'doc.verifyOk': '此文书由下列机关签发',
  'doc.verifySuperseded': '此文书已被重新出具的版本取代',
  'doc.number': '文号',
  'doc.issuer': '签发机关',
  'doc.issuedOn': '签发日期',
  'doc.hash': 'SHA-256',
  'doc.state': '状态',
  'doc.state.draft': '草稿',
  'doc.state.issued': '已签发',
  'doc.state.served': '已送达',
  'doc.state.superseded': '已被取代',
  'doc.documents': '执法文书',
  'doc.none': '暂无文书',
  'doc.pdf': 'PDF',
  'doc.docx': 'DOCX',
  'doc.open': '预览',
  'doc.issue': '签发',
  'doc.reissue': '重新出具',
  'doc.confirmIssue': '签发「{title}」？签发后取号并锁定，不能修改。',
  'doc.confirmReissue': '重新出具「{title}」？将生成新文号的新版本，原文书标记为已被取代。',
  'doc.issued': '已签发：{number}',
  'doc.actions': '操作',
};
export type DocumentsKey = keyof typeof zh;

const en: Record<DocumentsKey, string> = {
  'doc.templates': 'Document templates',
  'doc.templatesDescription':
    'Enforcement document templates are data: change the wording and save it as a new version; issued documents keep the version they used. On the right, a live preview (sample data, draft watermark).',
  'doc.kind': 'Kind',
  'doc.title': 'Document',
  'doc.version': 'Version',
  'doc.edit': 'Edit',
  'doc.body': 'Template (JSON)',
  'doc.sample': 'Preview data (JSON)',
  'doc.preview': 'Preview',
  'doc.previewFrame': 'Document preview (PDF)',
  'doc.save': 'Save as a new version',
  'doc.saved': 'Saved as version {version}',
  'doc.badJson': 'Not valid JSON: {message}',
  'doc.previewing': 'Rendering the preview…',
  'doc.verify': 'Document verification',
  'doc.verifyIntro':
    'Check a paper copy: when the number, issuing body, date and file hash match, the document was issued by this body.',
  'doc.verifyOk': 'This document was issued as follows',
  'doc.verifySuperseded': 'This document has been superseded by a reissue',
  'doc.number': 'Number',
  'doc.issuer': 'Issued by',
  'doc.issuedOn': 'Issued on',
  'doc.hash': 'SHA-256',
  'doc.state': 'State',
  'doc.state.draft': 'Draft',
  'doc.state.issued': 'Issued',
  'doc.state.served': 'Served',
  'doc.state.superseded': 'Superseded',
  'doc.documents': 'Enforcement documents',
  'doc.none': 'No documents yet',
  'doc.pdf': 'PDF',
  'doc.docx': 'DOCX',
  'doc.open': 'Preview',
  'doc.issue': 'Issue',
  'doc.reissue': 'Reissue',
  'doc.confirmIssue': 'Issue "{title}"? It takes its number and is locked: it cannot be edited afterwards.',
  'doc.confirmReissue': 'Reissue "{title}"? A new version with a new number is made; this one is marked superseded.',
  'doc.issued': 'Issued: {number}',
  'doc.actions': 'Actions',
};

registerMessages(zh, en);

export interface DocumentsI18n extends I18n {
  td: (key: DocumentsKey, vars?: Record<string, string | number>) => string;
}

export function useDocumentsI18n(): DocumentsI18n {
  const i18n = useI18n();
  return { ...i18n, td: (key, vars) => i18n.t(key as unknown as MessageKey, vars) };
}
