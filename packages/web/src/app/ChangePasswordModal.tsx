import { newPassword as newPasswordSchema } from '@openenforce/domain/auth';
import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiErrorAlert, ruleText } from '../ui/errors.tsx';
import { ApiError } from './api.ts';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change own password. The new password is checked with the same rule the server uses (domain/auth). */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { changePassword } = useAuth();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      message.success(t('password.changed'));
      close();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'AUTH_WRONG_PASSWORD')
        form.setFields([{ name: 'currentPassword', errors: [pick(err.body.message)] }]);
      else setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('header.changePassword')}
      onCancel={close}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={420}
    >
      <ApiErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.hint')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_, value: string) => {
                if (!value) return;
                const r = newPasswordSchema.safeParse(value);
                if (!r.success) throw new Error(ruleText(t, r.error.issues[0]?.message ?? 'invalid'));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
