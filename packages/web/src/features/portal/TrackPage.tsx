import type { PublicEventView } from '@openenforce/domain/events';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Rate, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { useTrackI18n } from './messages.ts';
import { TrackView } from './TrackView.tsx';

const PUBLIC_EVENTS = '/api/public/events';
const progressQuery = (token: string) =>
  queryOptions({
    queryKey: [PUBLIC_EVENTS, 'detail', token],
    queryFn: ({ signal }) => api<PublicEventView>(`${PUBLIC_EVENTS}/${encodeURIComponent(token)}`, { signal }),
  });

/** Verify (solved / not solved) and rate, offered exactly when the server says the citizen may (mayVerify/mayRate). */
function CitizenSteps({ token, progress }: { token: string; progress: PublicEventView }) {
  const { tt } = useTrackI18n();
  const client = useQueryClient();
  const [failing, setFailing] = useState(false);
  const [note, setNote] = useState('');
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const step = useMutation({
    mutationFn: (s: { action: 'verify' | 'rate'; body: Record<string, unknown> }) =>
      api<PublicEventView>(`${PUBLIC_EVENTS}/${encodeURIComponent(token)}/${s.action}`, {
        method: 'POST',
        body: s.body,
      }),
    onSuccess: (data, s) => {
      client.setQueryData(progressQuery(token).queryKey, data);
      setDone(tt(s.action === 'rate' ? 'tr.rated' : 'tr.verified'));
    },
  });
  return (
    <>
      {done && <Alert type="success" showIcon title={done} data-testid="track-done" />}
      {step.error && <ApiErrorAlert error={step.error} />}
      {progress.mayVerify && (
        <Card size="small" title={tt('tr.verifyTitle')} data-testid="track-verify">
          <Typography.Paragraph type="secondary">{tt('tr.verifyHint')}</Typography.Paragraph>
          {failing && (
            <Input.TextArea
              rows={3}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={tt('tr.verifyNote')}
              aria-label={tt('tr.verifyNote')}
              style={{ marginBottom: 8 }}
            />
          )}
          <Space wrap>
            <Button
              type="primary"
              loading={step.isPending}
              onClick={() => step.mutate({ action: 'verify', body: { passed: true } })}
              data-testid="track-verify-pass"
            >
              {tt('tr.verifyPass')}
            </Button>
            <Button
              danger
              loading={step.isPending}
              onClick={() =>
                failing
                  ? step.mutate({
                      action: 'verify',
                      body: { passed: false, ...(note.trim() ? { note: note.trim() } : {}) },
                    })
                  : setFailing(true)
              }
              data-testid="track-verify-fail"
            >
              {failing ? tt('tr.verifyFailSubmit') : tt('tr.verifyFail')}
            </Button>
          </Space>
        </Card>
      )}
      {progress.mayRate && (
        <Card size="small" title={tt('tr.rateTitle')} data-testid="track-rate">
          <Rate value={rating} onChange={setRating} style={{ fontSize: 28 }} aria-label={tt('tr.rateTitle')} />
          <Input.TextArea
            rows={2}
            maxLength={500}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={tt('tr.rateComment')}
            aria-label={tt('tr.rateComment')}
            style={{ margin: '8px 0' }}
          />
          <Button
            type="primary"
            disabled={rating < 1}
            loading={step.isPending}
            onClick={() =>
              step.mutate({ action: 'rate', body: { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) } })
            }
            data-testid="track-rate-submit"
          >
            {tt('tr.rateSubmit')}
          </Button>
        </Card>
      )}
    </>
  );
}

/**
 * /t/<token>: the citizen's tracking page, the address handed out with a report (hotline SMS, Open311): progress,
 * and verify / rate when the server says so. No login; the token is the key.
 */
export default function TrackPage() {
  const { tt } = useTrackI18n();
  useDocumentTitle(tt('tr.title'));
  const { token = '' } = useParams();
  const valid = /^[A-Za-z0-9_-]{16,64}$/.test(token);
  const query = useQuery({ ...progressQuery(token), enabled: valid });
  const notFound = !valid || (query.error instanceof ApiError && query.error.status === 404);
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid="track-page">
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tt('tr.title')}
      </Typography.Title>
      {notFound ? (
        <Alert
          type="warning"
          showIcon
          title={tt('tr.invalidLink')}
          action={<Link to="/portal/track">{tt('tr.nav')}</Link>}
          data-testid="track-invalid"
        />
      ) : (
        <>
          <QueryError query={query} />
          {query.isPending && <Spin />}
          {query.data && (
            <TrackView progress={query.data} actions={<CitizenSteps token={token} progress={query.data} />} />
          )}
        </>
      )}
    </div>
  );
}
