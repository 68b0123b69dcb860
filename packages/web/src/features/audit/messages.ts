import { registerMessages, useI18n, type I18n, type MessageKey } from '../../app/i18n.tsx';

/** Texts of the audit-log reader, registered with the app's dictionary when this lazy chunk loads. */
const zh = {
  'aud.title': '审计日志',
  'aud.description':
    '全过程记录：谁在何时对哪条记录做了什么。按对象、操作人、操作和时间查询；审计链校验结果。只读；无个人信息权限时个人信息已脱敏。',
  'aud.entityType': '对象类型',
  'aud.entityTypeAny': '全部对象类型',
  'aud.entityId': '对象 ID',
  'aud.actorId': '操作人（用户 ID）',
  'aud.action': '操作',
  'aud.period': '时间范围',
  'aud.search': '查询',
  'aud.reset': '清空条件',
  'aud.seq': '序号',
  'aud.at': '时间',
  'aud.actor': '操作人',
  'aud.system': '系统',
  'aud.subject': '对象',
  'aud.ip': '来源地址',
  'aud.before': '变更前',
  'aud.after': '变更后',
  'aud.onlyActor': '只看此操作人',
  'aud.onlySubject': '只看此对象',
  'aud.empty': '没有符合条件的记录',
  'aud.prev': '上一页',
  'aud.next': '下一页',
  'aud.page': '第 {n} 页',
  'aud.pageSize': '每页条数',
  'aud.perPage': '每页 {n} 条',
  'aud.chain': '审计链校验',
  'aud.chain.never': '尚未校验',
  'aud.chain.running': '正在校验…',
  'aud.chain.ok': '完整：{n} 条记录，未发现删除、截断或篡改',
  'aud.chain.broken': '发现问题：{n} 处',
  'aud.chain.checkedAt': '校验时间 {time}',
  'aud.chain.verify': '立即校验',
  'aud.chain.records': '{from}–{to} 号记录',
  'aud.invalidActor': '用户 ID 格式不正确',
};

const en: Record<keyof typeof zh, string> = {
  'aud.title': 'Audit log',
  'aud.description':
    'The full-process record: who did what to which record, and when. Search by subject, actor, action and time; the chain verification. Read-only; personal data is masked without the personal-data permission.',
  'aud.entityType': 'Subject type',
  'aud.entityTypeAny': 'All subject types',
  'aud.entityId': 'Subject id',
  'aud.actorId': 'Actor (user id)',
  'aud.action': 'Action',
  'aud.period': 'Period',
  'aud.search': 'Search',
  'aud.reset': 'Clear',
  'aud.seq': 'No.',
  'aud.at': 'Time',
  'aud.actor': 'Actor',
  'aud.system': 'System',
  'aud.subject': 'Subject',
  'aud.ip': 'Address',
  'aud.before': 'Before',
  'aud.after': 'After',
  'aud.onlyActor': 'Only this actor',
  'aud.onlySubject': 'Only this subject',
  'aud.empty': 'No records match',
  'aud.prev': 'Previous',
  'aud.next': 'Next',
  'aud.page': 'Page {n}',
  'aud.pageSize': 'Records per page',
  'aud.perPage': '{n} per page',
  'aud.chain': 'Chain verification',
  'aud.chain.never': 'Not verified yet',
  'aud.chain.running': 'Verifying…',
  'aud.chain.ok': 'Intact: {n} records, nothing deleted, truncated or altered',
  'aud.chain.broken': 'Problems found: {n}',
  'aud.chain.checkedAt': 'Checked {time}',
  'aud.chain.verify': 'Verify now',
  'aud.chain.records': 'records {from}–{to}',
  'aud.invalidActor': 'Not a user id',
};

registerMessages(zh, en);

export type AuditKey = keyof typeof zh;

export interface AuditI18n extends I18n {
  tu: (key: AuditKey, vars?: Record<string, string | number>) => string;
}

export function useAuditI18n(): AuditI18n {
  const i18n = useI18n();
  return { ...i18n, tu: (key, vars) => i18n.t(key as unknown as MessageKey, vars) };
}
