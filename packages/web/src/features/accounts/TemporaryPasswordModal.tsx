import { Alert, Button, Modal, Typography } from 'antd';
import { useAccountsI18n } from './messages.ts';

/** The temporary password of a new or reset account, shown this once (the server keeps only its hash). */
export function TemporaryPasswordModal(props: {
  result: { username: string; temporaryPassword: string } | null;
  onClose: () => void;
}) {
  const { ta } = useAccountsI18n();
  const { result, onClose } = props;
  return (
    <Modal
      open={!!result}
      title={ta('acc.tempTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="temporary-password-close">
          {ta('acc.close')}
        </Button>
      }
      destroyOnHidden
    >
      {result && (
        <>
          <Alert type="warning" showIcon title={ta('acc.tempIntro', { username: result.username })} />
          <Typography.Paragraph
            copyable={{ text: result.temporaryPassword, tooltips: [ta('acc.tempTitle'), ta('acc.tempCopied')] }}
            style={{ marginTop: 16, fontSize: 22, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
          >
            <span data-testid="temporary-password" aria-label={ta('acc.tempTitle')}>
              {result.temporaryPassword}
            </span>
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
