import { userCreate, userPatch, type UserAccount } from '@openenforce/domain/auth';
import type { Role } from '@openenforce/domain/organization';
import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { ApiErrorAlert, ruleText } from '../../ui/errors.tsx';
import { PersonSelect, RoleSelect, TeamSelect, TownSelect } from '../organization/selects.tsx';
import { useAccountsI18n } from './messages.ts';

export const USERS_API = '/api/admin/users';

interface Values {
  username: string;
  displayName: string;
  role: Role | null;
  scopeTownId: string | null;
  scopeTeamId: string | null;
  personId: string | null;
}

const FIELDS = ['username', 'displayName', 'role', 'scopeTownId', 'scopeTeamId', 'personId'] as const;

/** `body.personId` → `personId`; null for paths that name no field of this form. */
function fieldOf(path: PropertyKey[] | string): (typeof FIELDS)[number] | null {
  const parts = Array.isArray(path) ? path.map(String) : path.split('.');
  const name = parts[0] === 'body' ? parts[1] : parts[0];
  return (FIELDS as readonly string[]).includes(name ?? '') ? (name as (typeof FIELDS)[number]) : null;
}

/**
 * Create an account (the server answers with its temporary password, shown by the caller) or edit its name, role,
 * data scope and person. Checked with the same zod contracts as the server; the server's refusals land on the field
 * they name.
 */
export function UserFormModal(props: {
  open: boolean;
  record: UserAccount | null;
  onClose: () => void;
  onCreated: (result: { user: UserAccount; temporaryPassword: string }) => void;
  onSaved: (user: UserAccount) => void;
}) {
  const { open, record, onClose } = props;
  const i18n = useAccountsI18n();
  const { ta, t } = i18n;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      record
        ? {
            username: record.username,
            displayName: record.displayName,
            role: record.role,
            scopeTownId: record.scopeTownId,
            scopeTeamId: record.scopeTeamId,
            personId: record.personId,
          }
        : { role: null, scopeTownId: null, scopeTeamId: null, personId: null },
    );
  }, [open, record, form]);

  const showIssues = (issues: { path: PropertyKey[] | string; rule: string }[]) => {
    const byField = new Map<string, string[]>();
    const rest: string[] = [];
    for (const i of issues) {
      const f = fieldOf(i.path);
      if (f) byField.set(f, [...(byField.get(f) ?? []), ruleText(t, i.rule)]);
      else rest.push(ruleText(t, i.rule));
    }
    form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })));
    return rest;
  };

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const common = {
      displayName: v.displayName,
      role: v.role,
      scopeTownId: v.scopeTownId ?? null,
      scopeTeamId: v.scopeTeamId ?? null,
      personId: v.personId ?? null,
    };
    const body = record ? { ...common, version: record.version } : { ...common, username: v.username };
    const parsed = (record ? userPatch : userCreate).safeParse(body);
    if (!parsed.success) {
      const rest = showIssues(parsed.error.issues.map((i) => ({ path: i.path, rule: i.message })));
      if (rest.length) setError(new Error(rest.join('；')));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      if (record) props.onSaved(await api<UserAccount>(`${USERS_API}/${record.id}`, { method: 'PATCH', body }));
      else props.onCreated(await api(USERS_API, { method: 'POST', body }));
    } catch (err) {
      if (err instanceof ApiError) showIssues(err.details);
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open={open}
      title={record ? ta('acc.editTitle', { username: record.username }) : ta('acc.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={ta('acc.cancel')}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
      forceRender
      mask={{ closable: false }}
    >
      <ApiErrorAlert error={error} style={{ marginBottom: 16 }} testId="user-form-error" />
      <Form<Values> form={form} layout="vertical" requiredMark="optional" data-testid="user-form">
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 16px' }}>
          <Form.Item name="username" label={ta('acc.username')} extra={ta('acc.usernameHint')} rules={required}>
            <Input maxLength={32} disabled={!!record} autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={ta('acc.displayName')} rules={required}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="role" label={ta('acc.role')} rules={required}>
            <RoleSelect />
          </Form.Item>
          <Form.Item name="scopeTownId" label={ta('acc.town')} extra={ta('acc.townHint')}>
            <TownSelect placeholder={ta('acc.county')} />
          </Form.Item>
          <Form.Item name="scopeTeamId" label={ta('acc.team')}>
            <TeamSelect initialLabel={record?.scopeTeamName} placeholder={t('common.none')} />
          </Form.Item>
          <Form.Item name="personId" label={ta('acc.person')} extra={ta('acc.personHint')}>
            <PersonSelect initialLabel={record?.personName} placeholder={t('common.none')} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
