import {
  AimOutlined,
  CheckSquareOutlined,
  FileProtectOutlined,
  AlertOutlined,
  CameraOutlined,
  FundProjectionScreenOutlined,
  MobileOutlined,
  ApartmentOutlined,
  BankOutlined,
  CloudUploadOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  PieChartOutlined,
  ProfileOutlined,
  StopOutlined,
  UnorderedListOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
  ClusterOutlined,
  SettingOutlined,
  UsergroupAddOutlined,
  FileTextOutlined,
  AuditOutlined,
  SearchOutlined,
  ScheduleOutlined,
  InboxOutlined,
} from '@ant-design/icons';
import type { Permission, Role } from '@openenforce/domain/organization';
import type { ReactNode } from 'react';
import type { Bilingual, MessageKey } from './i18n.tsx';

export interface MenuLeaf {
  path: string;
  /** Hidden from users who hold any of these (a persona's page that other roles reach through their own). */
  hiddenWith?: Permission[];
  /** A key of the first-load dictionary, or both texts (for a leaf whose feature keeps its texts in its chunk). */
  label: MessageKey | Bilingual;
  icon?: ReactNode;
  permission: Permission;
  /** Only for these personas (a page that serves them; others holding the permission reach it another way). */
  roles?: Role[];
}

export interface MenuSection {
  key: string;
  label: MessageKey;
  icon: ReactNode;
  items: MenuLeaf[];
}

export type MenuEntry = MenuLeaf | MenuSection;

export const isSection = (e: MenuEntry): e is MenuSection => 'items' in e;

/**
 * The side menu, in the order of SPEC.md's contexts. A section renders only when the user may open at least one of
 * its pages; sections of contexts that have no pages yet are listed empty so that their place is obvious.
 */
export const MENU: MenuEntry[] = [
  { path: '/map', label: 'menu.map', icon: <EnvironmentOutlined />, permission: 'map.read' },
  // SPEC §1 catalog (执法事项目录): matters, list types, discretion benchmarks.
  {
    key: 'catalog',
    label: 'menu.catalog',
    icon: <ProfileOutlined />,
    items: [
      { path: '/catalog', label: 'menu.catalogMatters', icon: <FileSearchOutlined />, permission: 'catalog.read' },
      {
        path: '/catalog/lists',
        label: 'menu.catalogLists',
        icon: <UnorderedListOutlined />,
        permission: 'catalog.read',
      },
      {
        path: '/catalog/coverage',
        label: 'menu.catalogCoverage',
        icon: <PieChartOutlined />,
        permission: 'catalog.read',
      },
      {
        path: '/catalog/withdrawals',
        label: 'menu.catalogWithdrawals',
        icon: <StopOutlined />,
        permission: 'catalog.write',
      },
      {
        path: '/catalog/import',
        label: { zh: '导入事项', en: 'Import matters' },
        icon: <CloudUploadOutlined />,
        permission: 'catalog.write',
      },
    ],
  },
  // SPEC §3 events and command (协同指挥): command centre, big screen, field tasks, grid reports.
  {
    key: 'events',
    label: 'menu.events',
    icon: <AlertOutlined />,
    items: [
      { path: '/command', label: 'menu.command', icon: <AimOutlined />, permission: 'event.command' },
      // Read-only search over every event in the user's scope (the supervisor's home; the operator's search).
      { path: '/events', label: 'menu.eventSearch', icon: <SearchOutlined />, permission: 'event.read' },
      {
        path: '/team',
        label: 'menu.teamBoard',
        icon: <ScheduleOutlined />,
        permission: 'event.handle',
        roles: ['team_leader'],
      },
      {
        path: '/work',
        label: 'menu.work',
        icon: <InboxOutlined />,
        permission: 'event.read',
        roles: ['legal_reviewer', 'department_staff'],
      },
      {
        path: '/bigscreen',
        label: 'menu.bigscreen',
        icon: <FundProjectionScreenOutlined />,
        permission: 'event.read',
        roles: ['admin', 'command_operator', 'team_leader', 'supervisor'],
      },
      { path: '/field', label: 'menu.field', icon: <MobileOutlined />, permission: 'event.handle' },
      {
        path: '/report',
        label: 'menu.report',
        icon: <CameraOutlined />,
        permission: 'event.report',
        hiddenWith: ['event.command', 'event.handle'],
      },
    ],
  },
  // SPEC §4 supervision and inspection (监管检查): plans, random draws, joint inspections.
  { key: 'inspections', label: 'menu.inspections', icon: null, items: [] },
  // SPEC §5 penalty cases (处罚办案).
  {
    key: 'cases',
    label: 'menu.cases',
    icon: <AuditOutlined />,
    items: [
      {
        path: '/cases',
        label: { zh: '案件管理', en: 'Cases' },
        icon: <FileProtectOutlined />,
        permission: 'case.read',
      },
      {
        path: '/cases?queue=approve',
        label: { zh: '待我审批', en: 'To approve' },
        icon: <CheckSquareOutlined />,
        permission: 'case.approve',
      },
      {
        path: '/cases?queue=review',
        label: { zh: '待法制审核', en: 'To review' },
        icon: <CheckSquareOutlined />,
        permission: 'case.review',
      },
    ],
  },
  // SPEC §6 supervision and disclosure (执法监督).
  {
    key: 'supervision',
    label: 'menu.supervision',
    icon: <AuditOutlined />,
    items: [{ path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' }],
  },
  {
    key: 'organization',
    label: 'menu.organization',
    icon: <ApartmentOutlined />,
    items: [
      { path: '/org/regions', label: 'menu.regions', icon: <ClusterOutlined />, permission: 'org.read' },
      { path: '/org/agencies', label: 'menu.agencies', icon: <BankOutlined />, permission: 'org.read' },
      { path: '/org/teams', label: 'menu.teams', icon: <TeamOutlined />, permission: 'org.read' },
      { path: '/org/people', label: 'menu.people', icon: <UserOutlined />, permission: 'org.read' },
      {
        path: '/org/certificates',
        label: 'menu.certificates',
        icon: <SafetyCertificateOutlined />,
        permission: 'org.read',
      },
    ],
  },
  {
    key: 'import',
    label: 'menu.import',
    icon: <CloudUploadOutlined />,
    items: [
      { path: '/org/import/people', label: 'menu.importPeople', icon: <IdcardOutlined />, permission: 'org.import' },
      {
        path: '/org/import/certificates',
        label: 'menu.importCertificates',
        icon: <SafetyCertificateOutlined />,
        permission: 'org.import',
      },
    ],
  },
  // System administration (SPEC persona 系统管理员): user accounts, document templates.
  {
    key: 'system',
    label: 'menu.system',
    icon: <SettingOutlined />,
    items: [
      { path: '/admin/users', label: 'menu.users', icon: <UsergroupAddOutlined />, permission: 'user.admin' },
      {
        path: '/admin/document-templates',
        label: { zh: '文书模板', en: 'Document templates' },
        icon: <FileTextOutlined />,
        permission: 'document.template',
      },
    ],
  },
];

/** The menu as this user may see it: leaves filtered by permission (and persona), empty sections dropped. */
export function visibleMenu(can: (p: Permission) => boolean, role: Role | undefined): MenuEntry[] {
  const out: MenuEntry[] = [];
  const shown = (i: MenuLeaf) =>
    can(i.permission) && (!i.roles || (role !== undefined && i.roles.includes(role))) && !i.hiddenWith?.some(can);
  for (const e of MENU) {
    if (!isSection(e)) {
      if (shown(e)) out.push(e);
      continue;
    }
    const items = e.items.filter(shown);
    if (items.length) out.push({ ...e, items });
  }
  return out;
}

/** The section and leaf whose path is the longest prefix of `pathname` (for selection and the breadcrumb). */
export function findMenu(pathname: string): { section?: MenuSection; leaf?: MenuLeaf } {
  let best: { section?: MenuSection; leaf?: MenuLeaf } = {};
  let bestLen = 0;
  for (const e of MENU) {
    const leaves = isSection(e) ? e.items.map((l) => ({ section: e, leaf: l })) : [{ section: undefined, leaf: e }];
    for (const c of leaves) {
      const p = c.leaf.path;
      if ((pathname === p || pathname.startsWith(`${p}/`)) && p.length > bestLen) {
        best = c;
        bestLen = p.length;
      }
    }
  }
  return best;
}
