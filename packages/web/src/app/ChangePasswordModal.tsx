import { App, Form, Modal } from 'antd';
import { useState } from 'react';
import { ApiErrorAlert } from '../ui/errors.tsx';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import { PasswordFields, showPasswordError, type PasswordValues } from './PasswordFields.tsx';

/** Change own password. The new password is checked with the same rule the server uses (domain/auth). */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { changePassword, me } = useAuth();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
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
      if (!showPasswordError(form, err, pick)) setError(err);
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
      width={460}
    >
      <ApiErrorAlert error={error} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark={false}>
        <PasswordFields username={me?.username ?? ''} />
      </Form>
    </Modal>
  );
}
