import { userCreate, userPatch, type UserAccount } from '@openenforce/domain/auth';
import type { Role } from '@openenforce/domain/organization';
import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { issueText, pathOf, placeIssues, useApplyServerErrors } from '../../ui/formErrors.ts';
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
  const { ta, t, pick } = i18n;
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

  const applyServerErrors = useApplyServerErrors();
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
      const rest = placeIssues(
        form,
        parsed.error.issues.map((i) => ({ path: pathOf(i.path), text: issueText(pick, i) })),
      );
      if (rest.length) setError(new Error(rest.join('；')));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      if (record) props.onSaved(await api<UserAccount>(`${USERS_API}/${record.id}`, { method: 'PATCH', body }));
      else props.onCreated(await api(USERS_API, { method: 'POST', body }));
    } catch (err) {
      // On the fields where the server names one; the summary above the form when it names none.
      if (!applyServerErrors(form, err)) setError(err);
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
