import { registerMessages, useI18n, type I18n, type MessageKey } from '../../app/i18n.tsx';

/** Texts of the user-accounts screens, registered with the app's dictionary when this lazy chunk loads. */
const zh = {
  'acc.title': '用户账号',
  'acc.description':
    '新建、停用、启用账号，分配角色和数据范围，关联人员；重置密码（一次性临时密码）和解除登录限制。每项操作均记入审计日志。',
  'acc.search': '搜索用户名或姓名',
  'acc.create': '新建账号',
  'acc.createTitle': '新建账号',
  'acc.editTitle': '编辑账号：{username}',
  'acc.username': '用户名',
  'acc.usernameHint': '3–32 位小写字母、数字或 . _ -，创建后不能修改',
  'acc.displayName': '显示名称',
  'acc.role': '角色',
  'acc.town': '数据范围（乡镇）',
  'acc.townHint': '不选：全县',
  'acc.county': '全县',
  'acc.team': '所属队伍',
  'acc.person': '关联人员',
  'acc.personHint': '登录者本人在人员名录中的记录（一人一个账号）',
  'acc.status': '状态',
  'acc.allRoles': '全部角色',
  'acc.allStatuses': '全部状态',
  'acc.allTowns': '全部乡镇',
  'acc.active': '启用',
  'acc.disabled': '已停用',
  'acc.mustChange.temporary': '待修改临时密码',
  'acc.mustChange.demo': '演示初始密码',
  'acc.failures': '近期登录失败',
  'acc.failuresValue': '{n} 次',
  'acc.lastLogin': '最近登录',
  'acc.never': '从未登录',
  'acc.actions': '操作',
  'acc.edit': '编辑',
  'acc.disable': '停用',
  'acc.enable': '启用',
  'acc.resetPassword': '重置密码',
  'acc.unlock': '解除登录限制',
  'acc.actionFor': '{action}：{username}',
  'acc.confirmDisable': '停用账号 {username}？',
  'acc.confirmDisableText': '该账号的所有会话将立即结束，且无法再登录，直到重新启用。',
  'acc.confirmReset': '重置 {username} 的密码？',
  'acc.confirmResetText': '将生成一次性临时密码，原密码立即失效，该账号的所有会话结束；下次登录时必须修改密码。',
  'acc.confirmUnlock': '解除 {username} 的登录限制？',
  'acc.confirmUnlockText': '将清除该账号近期的失败登录记录，所有地址均可立即再次尝试登录。',
  'acc.cancel': '取消',
  'acc.done.disable': '账号已停用',
  'acc.done.enable': '账号已启用',
  'acc.done.unlock': '已解除登录限制',
  'acc.done.save': '已保存',
  'acc.tempTitle': '临时密码',
  'acc.tempIntro':
    '账号 {username} 的临时密码如下。它只显示这一次，请当面或通过安全渠道交给本人；本人首次登录时必须修改。',
  'acc.tempCopied': '已复制',
  'acc.close': '我已记下',
  'acc.selfHint': '不能停用、降级或重置自己的账号',
};
export type AccountsKey = keyof typeof zh;

const en: Record<AccountsKey, string> = {
  'acc.title': 'User accounts',
  'acc.description':
    'Create, disable and re-enable accounts, assign roles and data scope, link them to people; reset passwords (a one-time temporary password) and lift login delays. Every action is audited.',
  'acc.search': 'Search username or name',
  'acc.create': 'New account',
  'acc.createTitle': 'New account',
  'acc.editTitle': 'Edit account: {username}',
  'acc.username': 'Username',
  'acc.usernameHint': '3–32 lower-case letters, digits or . _ -; cannot be changed later',
  'acc.displayName': 'Display name',
  'acc.role': 'Role',
  'acc.town': 'Data scope (town)',
  'acc.townHint': 'None: the whole county',
  'acc.county': 'County',
  'acc.team': 'Team',
  'acc.person': 'Person',
  'acc.personHint': 'The signed-in person’s own record in the people directory (one account per person)',
  'acc.status': 'Status',
  'acc.allRoles': 'All roles',
  'acc.allStatuses': 'All statuses',
  'acc.allTowns': 'All towns',
  'acc.active': 'Active',
  'acc.disabled': 'Disabled',
  'acc.mustChange.temporary': 'Temporary password to change',
  'acc.mustChange.demo': 'Demo password',
  'acc.failures': 'Recent failed logins',
  'acc.failuresValue': '{n}',
  'acc.lastLogin': 'Last login',
  'acc.never': 'Never',
  'acc.actions': 'Actions',
  'acc.edit': 'Edit',
  'acc.disable': 'Disable',
  'acc.enable': 'Enable',
  'acc.resetPassword': 'Reset password',
  'acc.unlock': 'Lift login delays',
  'acc.actionFor': '{action}: {username}',
  'acc.confirmDisable': 'Disable {username}?',
  'acc.confirmDisableText': 'All of its sessions end at once and it cannot log in until re-enabled.',
  'acc.confirmReset': 'Reset the password of {username}?',
  'acc.confirmResetText':
    'A one-time temporary password is made; the old password stops working and every session ends. It must be changed at the next login.',
  'acc.confirmUnlock': 'Lift the login delays of {username}?',
  'acc.confirmUnlockText': 'Its recent failed logins are forgotten: every address may try again at once.',
  'acc.cancel': 'Cancel',
  'acc.done.disable': 'Account disabled',
  'acc.done.enable': 'Account enabled',
  'acc.done.unlock': 'Login delays lifted',
  'acc.done.save': 'Saved',
  'acc.tempTitle': 'Temporary password',
  'acc.tempIntro':
    'The temporary password of {username} is below. It is shown this once: hand it over in person or by a safe channel; it must be changed at the first login.',
  'acc.tempCopied': 'Copied',
  'acc.close': 'I have noted it',
  'acc.selfHint': 'You cannot disable, demote or reset your own account',
};

registerMessages(zh, en);

export interface AccountsI18n extends I18n {
  ta: (key: AccountsKey, vars?: Record<string, string | number>) => string;
}

export function useAccountsI18n(): AccountsI18n {
  const i18n = useI18n();
  return { ...i18n, ta: (key, vars) => i18n.t(key as unknown as MessageKey, vars) };
}
