import { registerMessages, useI18n, type I18n, type MessageKey } from '../../app/i18n.tsx';

/** Texts of the citizen's tracking pages (the lazy portal chunks register them). */
const zh = {
  'tr.nav': '查询我的上报',
  'tr.title': '事件办理进度',
  'tr.lookupTitle': '查询我的上报',
  'tr.lookupIntro': '输入上报时告知您的事件编号和上报时所留手机号码的后 4 位。',
  'tr.no': '事件编号',
  'tr.noHint': '如 SJ20260105000123',
  'tr.noInvalid': '事件编号为 SJ 加 14 位以上数字',
  'tr.phone': '手机号码后 4 位',
  'tr.phoneInvalid': '请输入 4 位数字',
  'tr.submit': '查询',
  'tr.notFound': '没有找到：请核对事件编号和手机号码后 4 位。',
  'tr.readOnlyHint': '核查与评价请使用上报后短信中的链接。',
  'tr.category': '类别',
  'tr.town': '乡镇（街道）',
  'tr.reportedAt': '上报时间',
  'tr.deadline': '办理期限',
  'tr.closedAt': '办结时间',
  'tr.mergedInto': '已与相同问题 {no} 合并办理，进度随其更新',
  'tr.progress': '办理过程',
  'tr.verifyTitle': '问题解决了吗？',
  'tr.verifyHint': '部门已处置完毕，请您确认现场情况。',
  'tr.verifyPass': '已解决',
  'tr.verifyFail': '未解决',
  'tr.verifyNote': '请说明哪里还没有解决（可选）',
  'tr.verifyFailSubmit': '提交：未解决',
  'tr.verified': '感谢您的核查',
  'tr.rateTitle': '请为本次办理评价',
  'tr.rateComment': '意见或建议（可选）',
  'tr.rateSubmit': '提交评价',
  'tr.rated': '感谢您的评价',
  'tr.yourRating': '您的评价',
  'tr.invalidLink': '链接无效或已过期：请核对短信中的链接，或用事件编号和手机号码查询。',
};

const en: Record<keyof typeof zh, string> = {
  'tr.nav': 'Track my report',
  'tr.title': 'Progress of your report',
  'tr.lookupTitle': 'Track my report',
  'tr.lookupIntro':
    'Enter the event number you were given and the last 4 digits of the phone number you reported with.',
  'tr.no': 'Event number',
  'tr.noHint': 'e.g. SJ20260105000123',
  'tr.noInvalid': 'An event number is SJ followed by 14 or more digits',
  'tr.phone': 'Last 4 digits of the phone',
  'tr.phoneInvalid': 'Enter 4 digits',
  'tr.submit': 'Look up',
  'tr.notFound': 'Not found: check the event number and the last 4 digits of the phone.',
  'tr.readOnlyHint': 'To confirm or rate, use the link in the text message sent with your report.',
  'tr.category': 'Category',
  'tr.town': 'Town',
  'tr.reportedAt': 'Reported',
  'tr.deadline': 'Deadline',
  'tr.closedAt': 'Closed',
  'tr.mergedInto': 'Handled together with the same problem reported as {no}; its progress is shown',
  'tr.progress': 'Progress',
  'tr.verifyTitle': 'Is the problem solved?',
  'tr.verifyHint': 'The team reports it handled: please confirm what you see.',
  'tr.verifyPass': 'Solved',
  'tr.verifyFail': 'Not solved',
  'tr.verifyNote': 'What is still wrong (optional)',
  'tr.verifyFailSubmit': 'Send: not solved',
  'tr.verified': 'Thank you for checking',
  'tr.rateTitle': 'Rate how it was handled',
  'tr.rateComment': 'Comments (optional)',
  'tr.rateSubmit': 'Send rating',
  'tr.rated': 'Thank you for your rating',
  'tr.yourRating': 'Your rating',
  'tr.invalidLink':
    'This link is not valid: check the link in the text message, or look the report up by number and phone.',
};

registerMessages(zh, en);

export type TrackKey = keyof typeof zh;

export interface TrackI18n extends I18n {
  tt: (key: TrackKey, vars?: Record<string, string | number>) => string;
}

export function useTrackI18n(): TrackI18n {
  const i18n = useI18n();
  return { ...i18n, tt: (key, vars) => i18n.t(key as unknown as MessageKey, vars) };
}
