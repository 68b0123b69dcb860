import type { PublicEventView } from '@openenforce/domain/events';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiError } from '../../app/api.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { useTrackI18n } from './messages.ts';
import { TrackView } from './TrackView.tsx';

interface Values {
  no: string;
  phoneLast4: string;
}

/** /portal/track: "track my report" by the event number and the last 4 digits of the phone (read-only). */
export default function PortalTrackPage() {
  const { tt } = useTrackI18n();
  useDocumentTitle(tt('tr.lookupTitle'));
  const lookup = useMutation({
    mutationFn: (v: Values) =>
      api<PublicEventView>('/api/public/track', {
        method: 'POST',
        body: { no: v.no.trim(), phoneLast4: v.phoneLast4.trim() },
      }),
  });
  const notFound = lookup.error instanceof ApiError && lookup.error.status === 404;
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid="portal-track">
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tt('tr.lookupTitle')}
      </Typography.Title>
      <Card size="small">
        <Typography.Paragraph type="secondary">{tt('tr.lookupIntro')}</Typography.Paragraph>
        <Form<Values> layout="vertical" onFinish={(v) => lookup.mutate(v)} requiredMark={false}>
          <Form.Item
            name="no"
            label={tt('tr.no')}
            rules={[{ required: true, pattern: /^\s*[Ss][Jj]\d{14,20}\s*$/, message: tt('tr.noInvalid') }]}
          >
            <Input placeholder={tt('tr.noHint')} autoComplete="off" data-testid="track-no-input" />
          </Form.Item>
          <Form.Item
            name="phoneLast4"
            label={tt('tr.phone')}
            rules={[{ required: true, pattern: /^\s*\d{4}\s*$/, message: tt('tr.phoneInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={4} style={{ width: 120 }} data-testid="track-phone-input" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={lookup.isPending} data-testid="track-submit">
            {tt('tr.submit')}
          </Button>
        </Form>
      </Card>
      <div style={{ marginTop: 12 }}>
        {notFound && <Alert type="warning" showIcon title={tt('tr.notFound')} data-testid="track-not-found" />}
        {lookup.error && !notFound && <ApiErrorAlert error={lookup.error} />}
        {lookup.data && (
          <TrackView progress={lookup.data} actions={<Alert type="info" showIcon title={tt('tr.readOnlyHint')} />} />
        )}
      </div>
    </div>
  );
}
