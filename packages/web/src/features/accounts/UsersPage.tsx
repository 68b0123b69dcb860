import {
  EditOutlined,
  KeyOutlined,
  LeftOutlined,
  PlusOutlined,
  ReloadOutlined,
  RightOutlined,
  StopOutlined,
  UnlockOutlined,
  CheckCircleOutlined,
} from '@ant-design/icons';
import { CHINA_TIME_ZONE } from '@openenforce/domain/common';
import { USER_STATUSES, type UserAccount } from '@openenforce/domain/auth';
import { ROLE_LABELS, type Role } from '@openenforce/domain/organization';
import { App, Badge, Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type CSSProperties } from 'react';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { useReportError } from '../../ui/useReportError.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { useKeysetList } from '../../ui/useKeysetList.ts';
import { RoleSelect, TownSelect } from '../organization/selects.tsx';
import { useAccountsI18n, type AccountsKey } from './messages.ts';
import { TemporaryPasswordModal } from './TemporaryPasswordModal.tsx';
import { USERS_API, UserFormModal } from './UserFormModal.tsx';

type Action = 'disable' | 'enable' | 'reset-password' | 'unlock';

/** Present for screen readers, invisible on screen. */
const HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

/**
 * User accounts for administrators (SPEC persona 系统管理员): search and filter, create, edit role and scope,
 * disable / re-enable, reset the password (the temporary one is shown once), lift login delays. Every control has a
 * label or an aria-label naming the account it acts on, so the page works by keyboard and screen reader.
 */
export default function UsersPage() {
  const i18n = useAccountsI18n();
  const { ta, t, pick, lang } = i18n;
  const { me } = useAuth();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<{ role?: string; status?: string; townId?: string }>({});
  const [limit] = useState(50);
  const [editing, setEditing] = useState<{ record: UserAccount | null } | null>(null);
  const [issued, setIssued] = useState<{ username: string; temporaryPassword: string } | null>(null);
  const query = useMemo(() => ({ q, ...filters }), [q, filters]);
  const list = useKeysetList<UserAccount>(USERS_API, query, limit);

  const time = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
          timeZone: CHINA_TIME_ZONE,
          dateStyle: 'short',
          timeStyle: 'short',
        })
      : ta('acc.never');

  const run = async (u: UserAccount, action: Action) => {
    try {
      const body = action === 'unlock' ? undefined : { version: u.version };
      const res = await api<UserAccount | { user: UserAccount; temporaryPassword: string }>(
        `${USERS_API}/${u.id}/${action}`,
        { method: 'POST', body },
      );
      if ('temporaryPassword' in res) setIssued({ username: u.username, temporaryPassword: res.temporaryPassword });
      else message.success(ta(`acc.done.${action}` as AccountsKey));
      list.reload();
    } catch (err) {
      reportError(err);
      list.reload();
    }
  };

  const confirmThen = (u: UserAccount, action: Exclude<Action, 'enable'>) => {
    const keys = {
      disable: ['acc.confirmDisable', 'acc.confirmDisableText'],
      'reset-password': ['acc.confirmReset', 'acc.confirmResetText'],
      unlock: ['acc.confirmUnlock', 'acc.confirmUnlockText'],
    } as const;
    const [title, content] = keys[action];
    modal.confirm({
      title: ta(title, { username: u.username }),
      content: ta(content),
      okText: ta(action === 'disable' ? 'acc.disable' : action === 'unlock' ? 'acc.unlock' : 'acc.resetPassword'),
      okButtonProps: { danger: action !== 'unlock', 'data-testid': 'confirm-ok' } as never,
      cancelText: ta('acc.cancel'),
      onOk: () => run(u, action),
    });
  };

  const columns: ColumnsType<UserAccount> = [
    {
      title: ta('acc.username'),
      dataIndex: 'username',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: ta('acc.displayName'), dataIndex: 'displayName' },
    {
      title: ta('acc.role'),
      dataIndex: 'role',
      render: (r: Role) => <Tag>{pick(ROLE_LABELS[r])}</Tag>,
    },
    {
      title: ta('acc.town'),
      key: 'scope',
      render: (_, u) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {u.scopeTownName ?? ta('acc.county')}
          {u.scopeTeamName && <Typography.Text type="secondary"> · {u.scopeTeamName}</Typography.Text>}
        </span>
      ),
    },
    { title: ta('acc.person'), dataIndex: 'personName', render: (v: string | null) => v ?? '—' },
    {
      title: ta('acc.status'),
      key: 'status',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.status === 'active' ? (
            <Badge status="success" text={ta('acc.active')} />
          ) : (
            <Badge status="default" text={ta('acc.disabled')} />
          )}
          {u.mustChangePassword && (
            <Tag color={u.mustChangePassword === 'temporary' ? 'orange' : 'default'}>
              {ta(`acc.mustChange.${u.mustChangePassword}`)}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: ta('acc.failures'),
      dataIndex: 'recentFailures',
      align: 'right',
      render: (n: number) =>
        n > 0 ? <Tag color="red">{ta('acc.failuresValue', { n })}</Tag> : <Typography.Text>0</Typography.Text>,
    },
    {
      title: ta('acc.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{time(v)}</span>,
    },
    {
      title: ta('acc.actions'),
      key: '_actions',
      fixed: 'right',
      render: (_, u) => {
        const self = u.id === me?.id;
        const label = (action: AccountsKey) => ta('acc.actionFor', { action: ta(action), username: u.username });
        const selfTip = self ? ta('acc.selfHint') : undefined;
        return (
          <Space size={0} wrap={false}>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              aria-label={label('acc.edit')}
              data-testid={`user-edit-${u.username}`}
              onClick={() => setEditing({ record: u })}
            >
              {ta('acc.edit')}
            </Button>
            {u.status === 'active' ? (
              <Tooltip title={selfTip}>
                <Button
                  type="link"
                  size="small"
                  danger
                  disabled={self}
                  icon={<StopOutlined />}
                  aria-label={label('acc.disable')}
                  data-testid={`user-disable-${u.username}`}
                  onClick={() => confirmThen(u, 'disable')}
                >
                  {ta('acc.disable')}
                </Button>
              </Tooltip>
            ) : (
              <Button
                type="link"
                size="small"
                icon={<CheckCircleOutlined />}
                aria-label={label('acc.enable')}
                data-testid={`user-enable-${u.username}`}
                onClick={() => void run(u, 'enable')}
              >
                {ta('acc.enable')}
              </Button>
            )}
            <Tooltip title={selfTip}>
              <Button
                type="link"
                size="small"
                disabled={self}
                icon={<KeyOutlined />}
                aria-label={label('acc.resetPassword')}
                data-testid={`user-reset-${u.username}`}
                onClick={() => confirmThen(u, 'reset-password')}
              >
                {ta('acc.resetPassword')}
              </Button>
            </Tooltip>
            <Button
              type="link"
              size="small"
              disabled={u.recentFailures === 0}
              icon={<UnlockOutlined />}
              aria-label={label('acc.unlock')}
              data-testid={`user-unlock-${u.username}`}
              onClick={() => confirmThen(u, 'unlock')}
            >
              {ta('acc.unlock')}
            </Button>
          </Space>
        );
      },
    },
  ];

  const setFilter = (name: 'role' | 'status' | 'townId', value: string | null | undefined) =>
    setFilters((f) => ({ ...f, [name]: value || undefined }));

  return (
    <PageContainer testId="page-users" title={ta('acc.title')} description={ta('acc.description')}>
      <Card size="small" styles={{ body: { padding: 12 } }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
          <Input.Search
            allowClear
            aria-label={ta('acc.search')}
            placeholder={ta('acc.search')}
            data-testid="list-search"
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 240 }}
          />
          {/* Visually hidden labels: the filters show only placeholders, a screen reader still names them. */}
          <label htmlFor="users-filter-role" style={HIDDEN}>
            {ta('acc.role')}
          </label>
          <RoleSelect
            id="users-filter-role"
            style={{ width: 160 }}
            placeholder={ta('acc.allRoles')}
            value={filters.role ?? null}
            onChange={(v) => setFilter('role', v)}
          />
          <label htmlFor="users-filter-status" style={HIDDEN}>
            {ta('acc.status')}
          </label>
          <Select
            id="users-filter-status"
            allowClear
            style={{ width: 130 }}
            placeholder={ta('acc.allStatuses')}
            value={filters.status}
            onChange={(v: string | undefined) => setFilter('status', v)}
            options={USER_STATUSES.map((s) => ({
              value: s,
              label: ta(s === 'active' ? 'acc.active' : 'acc.disabled'),
            }))}
          />
          <label htmlFor="users-filter-town" style={HIDDEN}>
            {ta('acc.town')}
          </label>
          <TownSelect
            id="users-filter-town"
            style={{ width: 160 }}
            placeholder={ta('acc.allTowns')}
            value={filters.townId ?? null}
            onChange={(v) => setFilter('townId', v)}
          />
          <div style={{ flex: 1 }} />
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="create"
              onClick={() => setEditing({ record: null })}
            >
              {ta('acc.create')}
            </Button>
          </Space>
        </div>
        <QueryError queries={[list.query]} style={{ marginBottom: 12 }} />
        <Table<UserAccount>
          size="small"
          bordered
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="list-table"
        />
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 8, marginTop: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('list.page', { n: list.pageIndex + 1 })}
          </Typography.Text>
          <Button size="small" icon={<LeftOutlined />} disabled={!list.hasPrev || list.loading} onClick={list.prev}>
            {t('list.prev')}
          </Button>
          <Button size="small" disabled={!list.hasNext || list.loading} onClick={list.next}>
            {t('list.next')} <RightOutlined />
          </Button>
        </div>
      </Card>
      <UserFormModal
        open={!!editing}
        record={editing?.record ?? null}
        onClose={() => setEditing(null)}
        onCreated={({ user, temporaryPassword }) => {
          setEditing(null);
          setIssued({ username: user.username, temporaryPassword });
          list.reload();
        }}
        onSaved={() => {
          setEditing(null);
          message.success(ta('acc.done.save'));
          list.reload();
        }}
      />
      <TemporaryPasswordModal result={issued} onClose={() => setIssued(null)} />
    </PageContainer>
  );
}
