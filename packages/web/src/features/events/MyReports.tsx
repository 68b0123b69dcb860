import { DownOutlined, ReloadOutlined, UpOutlined } from '@ant-design/icons';
import { App, Button, Empty, Input, Rate, Space, Spin, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useId, useState } from 'react';
import { COLORS } from '../../app/theme.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { categoryLabel, StatusTag } from './labels.tsx';
import { useLiveEvents } from './live.ts';
import { useEventsI18n } from './messages.ts';
import { EventPhotos } from './Photos.tsx';
import { eventListQuery, eventQuery, useStep } from './queries.ts';
import { BlockedActions, useEventActions } from './actions.tsx';
import { StepError } from './StepError.tsx';
import { EventTimeline } from './Timeline.tsx';
import type { EventDetail } from './types.ts';

/**
 * One of the grid worker's reports. Its head is a button (Tab reaches it, Enter or Space opens it) that shows the
 * photos and the timeline; verification and rating are ordinary buttons below.
 */
function MyReportCard({ event }: { event: EventDetail }) {
  const { te, pick } = useEventsI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [failing, setFailing] = useState(false);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const stepMutation = useStep();
  // Verify and rate are offered exactly when the server would take them (GET …/actions), with why not otherwise.
  const offered = useEventActions(event.id, event.version);
  const busy = stepMutation.isPending;
  const detailsId = useId();

  function run(action: 'verify' | 'rate', body: Record<string, unknown>) {
    stepMutation.mutate(
      { id: event.id, action, body, ask: true },
      { onSuccess: () => void message.success(te(action === 'rate' ? 'ev.rated' : 'ev.verified')) },
    );
  }

  return (
    <article className="oe-phone-card" data-testid="my-report" data-event-id={event.id} data-status={event.status}>
      <button
        type="button"
        className="oe-card-toggle"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen((o) => !o)}
        data-testid="my-report-toggle"
      >
        <span style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong>{categoryLabel(pick, event.category)}</Typography.Text>
          <span style={{ display: 'block', fontSize: 12, color: COLORS.textSecondary }}>
            {event.no} · {dayjs(event.reportedAt).format('MM-DD HH:mm')}
          </span>
        </span>
        <StatusTag status={event.effectiveStatus} />
        {open ? <UpOutlined aria-hidden /> : <DownOutlined aria-hidden />}
      </button>
      <Typography.Paragraph ellipsis={open ? false : { rows: 2 }} style={{ margin: '6px 0', fontSize: 13 }}>
        {event.description}
      </Typography.Paragraph>
      {event.teamName && (
        <div style={{ fontSize: 12, color: '#595959' }}>
          {te('ev.team')}: {event.teamName}
        </div>
      )}
      <div id={detailsId} hidden={!open}>
        {open && (
          <div style={{ marginTop: 8 }}>
            <EventPhotos photos={event.photos} size={64} />
            <div style={{ marginTop: 10 }}>
              <EventTimeline steps={event.timeline} compact />
            </div>
          </div>
        )}
      </div>
      <BlockedActions blocked={offered.blocked} only={['verify', 'rate']} />
      {offered.may('verify') && (
        <div style={{ marginTop: 8, borderTop: '1px solid #f0f0f0', paddingTop: 8 }} data-testid="verify-box">
          <Typography.Text strong>{te('ev.verify.title')}</Typography.Text>
          <div style={{ fontSize: 12, color: COLORS.textSecondary }}>{te('ev.verify.hint')}</div>
          {failing && (
            <Input.TextArea
              rows={2}
              style={{ marginTop: 6 }}
              placeholder={te('ev.verify.failNote')}
              aria-label={te('ev.verify.failNote')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="verify-note"
            />
          )}
          <Space style={{ marginTop: 8, width: '100%' }} size={8}>
            <Button
              type="primary"
              loading={busy}
              onClick={() => run('verify', { version: event.version, passed: true })}
              data-testid="verify-pass"
            >
              {te('ev.verify.pass')}
            </Button>
            <Button
              danger
              loading={busy}
              data-testid="verify-fail"
              onClick={() =>
                failing
                  ? run('verify', { version: event.version, passed: false, note: note.trim() || undefined })
                  : setFailing(true)
              }
            >
              {te(failing ? 'ev.verify.failSubmit' : 'ev.verify.fail')}
            </Button>
          </Space>
        </div>
      )}
      {offered.may('rate') && (
        <div style={{ marginTop: 8, borderTop: '1px solid #f0f0f0', paddingTop: 8 }} data-testid="rate-box">
          <Typography.Text strong>{te('ev.rate.title')}</Typography.Text>
          <div>
            <Rate
              value={rating}
              onChange={setRating}
              style={{ fontSize: 28 }}
              aria-label={te('ev.rate.title')}
              data-testid="rate-stars"
            />
          </div>
          <Input.TextArea
            rows={2}
            style={{ marginTop: 6 }}
            placeholder={te('ev.rate.comment')}
            aria-label={te('ev.rate.comment')}
            value={comment}
            maxLength={500}
            onChange={(e) => setComment(e.target.value)}
          />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            disabled={rating < 1}
            loading={busy}
            onClick={() => run('rate', { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) })}
            data-testid="rate-submit"
          >
            {te('ev.rate.submit')}
          </Button>
        </div>
      )}
      {event.rating !== null && (
        <div style={{ marginTop: 6 }} data-testid="rated">
          <Rate disabled value={event.rating} style={{ fontSize: 16 }} aria-label={te('ev.rate.title')} />
          {event.ratingComment && <span style={{ fontSize: 12, marginInlineStart: 6 }}>{event.ratingComment}</span>}
        </div>
      )}
      <StepError error={stepMutation.error} style={{ marginTop: 8 }} />
    </article>
  );
}

/**
 * "My reports": the grid worker's own latest reports, with their details (timeline, photos) for verification.
 * Loaded only when the tab is opened, so the report form's first load does not carry it.
 */
function MyReports() {
  const { te } = useEventsI18n();
  useLiveEvents();
  // The list, then each report's record: a change of one report (the feed) reads that record again, not all 20.
  const list = useQuery(eventListQuery({ queue: 'reported_by_me', limit: 20 }));
  const details = useQueries({ queries: (list.data?.items ?? []).map((e) => eventQuery(e.id)) });
  const items = list.data ? details.flatMap((d) => (d.data ? [d.data] : [])) : null;
  const loading = list.isFetching || details.some((d) => d.isFetching);
  const refresh = () => {
    void list.refetch();
    for (const d of details) void d.refetch();
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="my-reports">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{te('ev.mine.count', { n: list.data?.items.length ?? 0 })}</Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} loading={loading} onClick={refresh} data-testid="mine-refresh">
          {te('ev.refresh')}
        </Button>
      </Space>
      <QueryError queries={[list, ...details]} />
      {(items === null || details.some((d) => d.isPending)) && !list.isError && <Spin />}
      {list.data?.items.length === 0 && <Empty description={te('ev.mine.empty')} />}
      {items?.map((e) => (
        <MyReportCard key={e.id} event={e} />
      ))}
    </div>
  );
}

/** The list inside antd's App (message hooks), which only this lazily loaded part of /report needs. */
export default function MyReportsTab() {
  return (
    <App component={false}>
      <MyReports />
    </App>
  );
}
