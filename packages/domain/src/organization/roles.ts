/**
 * Personas of SPEC.md as roles. Every screen is for one of them; the citizen has no login (portal, Open311, QR).
 */
export const ROLES = [
  'admin',
  'command_operator',
  'team_leader',
  'officer',
  'auxiliary',
  'grid_worker',
  'legal_reviewer',
  'department_staff',
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  command_operator: { zh: '指挥中心坐席', en: 'Command operator' },
  team_leader: { zh: '负责人', en: 'Team leader' },
  officer: { zh: '执法人员', en: 'Officer' },
  auxiliary: { zh: '执法辅助人员', en: 'Auxiliary' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  legal_reviewer: { zh: '法制审核员', en: 'Legal reviewer' },
  department_staff: { zh: '业务主管部门', en: 'Department staff' },
  supervisor: { zh: '监督人员', en: 'Supervisor' },
};

/** Permissions are what the policies check; roles are bundles of them. */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'org.import',
  'map.read',
  'audit.read',
  'catalog.read',
  'catalog.write',
  'event.read',
  'event.report',
  /** Triage, merge, dismiss, arbitrate: the command centre's steps. */
  'event.command',
  /** Dispatch to a team with a deadline (the command centre, or a county-level leader). */
  'event.dispatch',
  /** Accept, return, handle, re-check, assist: the dispatched team's steps. */
  'event.handle',
  /** Verify and rate a handled event (the reporter, the grid's grid worker, or a call-back by the command centre). */
  'event.verify',
  /** 催办: urge the team. */
  'event.urge',
  /** Read penalty cases within one's scope (list, detail, clocks, evidence, what may be done next). */
  'case.read',
  /**
   * Penalty cases (cases/procedure.ts): the handling officers' steps — file, investigate, notify, serve, execute, close.
   */
  'case.handle',
  /** A leader's approvals (负责人审批): filing, preservation, seizure, extension, transfer, decision, deferral. */
  'case.approve',
  /** Legal review before a decision (法制审核, APL-58). */
  'case.review',
  /** See personal data (names of parties and reporters, phone and ID numbers) in full within one's scope. */
  'pii.read',
  /** Manage user accounts: create, disable, reset passwords, unlock, roles and scope (administrators only). */
  'user.admin',
  /** Read enforcement documents (PDF/DOCX) of one's work. */
  'document.read',
  /** Edit document templates (new versions) and preview them: administrators and legal reviewers. */
  'document.template',
  /** Upload evidence files through the platform's files route (photos, video, audio, documents, signatures). */
  'file.upload',
  /** Read a file's chain of custody (who viewed, downloaded, shared it, when and why). */
  'file.custody',
  /** Share a file with another agency (a grant on the same stored object), transfer it, revoke a grant. */
  'file.share',
  /** Issue, reissue and serve enforcement documents, and render them in batches. */
  'document.issue',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'org.read',
    'org.write',
    'org.import',
    'map.read',
    'audit.read',
    'catalog.read',
    'catalog.write',
    'event.read',
    'event.report',
    'event.command',
    'event.dispatch',
    'event.verify',
    'event.urge',
    'pii.read',
    'case.read',
    'user.admin',
    'document.read',
    'document.template',
    'file.upload',
    'file.custody',
    'file.share',
    'document.issue',
  ],
  command_operator: [
    'org.read',
    'map.read',
    'catalog.read',
    'event.read',
    'event.report',
    'event.command',
    'event.dispatch',
    'event.verify',
    'event.urge',
    'pii.read',
    'file.upload',
  ],
  team_leader: [
    'org.read',
    'map.read',
    'catalog.read',
    'event.read',
    'event.report',
    'event.dispatch',
    'event.handle',
    'event.urge',
    'case.read',
    'case.handle',
    'case.approve',
    'file.upload',
    'file.custody',
    'file.share',
    'document.read',
    'document.issue',
  ],
  officer: [
    'org.read',
    'map.read',
    'catalog.read',
    'event.read',
    'event.report',
    'event.handle',
    'case.read',
    'case.handle',
    'document.read',
    'file.upload',
    'file.custody',
    'document.issue',
  ],
  auxiliary: ['map.read', 'catalog.read', 'event.read', 'event.report', 'file.upload'],
  grid_worker: ['map.read', 'event.read', 'event.report', 'event.verify', 'file.upload'],
  legal_reviewer: [
    'org.read',
    'map.read',
    'catalog.read',
    'event.read',
    'case.read',
    'case.review',
    'document.read',
    'document.template',
    'file.custody',
  ],
  department_staff: ['org.read', 'map.read', 'catalog.read', 'event.read', 'event.report', 'file.upload'],
  supervisor: [
    'org.read',
    'map.read',
    'audit.read',
    'catalog.read',
    'event.read',
    'event.urge',
    'file.custody',
    'case.read',
  ],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
