import type { PublicEventView } from '@openenforce/domain/events';
import { Alert, Card, Descriptions, Rate, Space, Steps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTrackI18n } from './messages.ts';

const STATUS_COLORS: Record<string, string> = { closed: 'green', handled: 'cyan', merged: 'default' };

/** A citizen's report as they may see it: its facts and its public steps; `actions` (verify, rate) below. */
export function TrackView({ progress, actions }: { progress: PublicEventView; actions?: ReactNode }) {
  const { tt, pick } = useTrackI18n();
  const p = progress;
  const time = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="track-view" data-status={p.status}>
      <Card size="small">
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }} data-testid="track-no">
            {p.no}
          </Typography.Title>
          <Tag color={STATUS_COLORS[p.status] ?? 'blue'} style={{ fontSize: 14 }} data-testid="track-status">
            {pick(p.statusLabel)}
          </Tag>
        </Space>
        {p.mergedInto && (
          <Alert style={{ marginTop: 8 }} type="info" showIcon title={tt('tr.mergedInto', { no: p.mergedInto.no })} />
        )}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          style={{ marginTop: 12 }}
          items={[
            { key: 'c', label: tt('tr.category'), children: pick(p.category) },
            { key: 't', label: tt('tr.town'), children: p.townName ?? '—' },
            { key: 'r', label: tt('tr.reportedAt'), children: time(p.reportedAt) },
            p.closedAt
              ? { key: 'x', label: tt('tr.closedAt'), children: time(p.closedAt) }
              : { key: 'd', label: tt('tr.deadline'), children: time(p.deadline) },
            ...(p.rating !== null
              ? [{ key: 'rt', label: tt('tr.yourRating'), children: <Rate disabled value={p.rating} /> }]
              : []),
          ]}
        />
      </Card>
      {actions}
      <Card size="small" title={tt('tr.progress')}>
        <Steps
          orientation="vertical"
          size="small"
          current={p.timeline.length - 1}
          items={p.timeline.map((s) => ({ title: pick(s.label), content: time(s.at) }))}
          data-testid="track-steps"
        />
      </Card>
    </Space>
  );
}
