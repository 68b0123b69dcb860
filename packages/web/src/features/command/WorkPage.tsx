import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { categoryLabel, StatusTag } from '../events/labels.tsx';
import { useEventsI18n } from '../events/messages.ts';
import { eventListQuery } from '../events/queries.ts';
import { CaseQueueCard } from '../cases/CaseQueueCard.tsx';
import { EventDrawer } from './EventDrawer.tsx';
import { useScreensI18n, type ScreensKey } from './messages.ts';

/** A short list of events (newest first) that opens each in the drawer; an empty state that says what will come. */
function EventQueue({
  title,
  empty,
  params,
  onOpen,
  testId,
}: {
  title: string;
  empty: string;
  params: Record<string, string | number>;
  onOpen: (id: string) => void;
  testId: string;
}) {
  const { pick } = useEventsI18n();
  const list = useQuery(eventListQuery({ ...params, limit: 20 }));
  return (
    <Card size="small" title={title} data-testid={testId}>
      <QueryError query={list} />
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={empty} /> }}
        renderItem={(e) => (
          <List.Item extra={<StatusTag status={e.status} />}>
            {/* Not List.Item.Meta: its title is an h4, which would skip heading levels under the page's h1. */}
            <div style={{ minWidth: 0 }}>
              <Typography.Link strong onClick={() => onOpen(e.id)} data-testid="work-row">
                {e.no} · {categoryLabel(pick, e.category)}
              </Typography.Link>
              <div>
                <Typography.Text type="secondary">
                  {`${dayjs(e.reportedAt).format('YYYY-MM-DD HH:mm')} · ${e.townName ?? '—'} · ${e.description}`}
                </Typography.Text>
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** A queue whose records are not in the platform yet: it says what will appear there, and when. */
function ComingQueue({ title, text, testId }: { title: ScreensKey; text: ScreensKey; testId: string }) {
  const { ts } = useScreensI18n();
  return (
    <Card size="small" title={ts(title)} data-testid={testId}>
      <Empty description={ts(text)} />
    </Card>
  );
}

/**
 * 我的工作台 (the legal reviewer's and department staff's landing page): their queues. The reviewer's queue (legal
 * review of major decisions, SPEC §5) and the department's inspection plans (SPEC §4) come with those contexts and
 * say so; the department sees the events it referred, everyone the latest events in their scope.
 */
export default function WorkPage() {
  const { ts } = useScreensI18n();
  const { me } = useAuth();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const reviewer = me?.role === 'legal_reviewer';
  const dept = me?.role === 'department_staff';
  return (
    <PageContainer
      testId="work-page"
      title={ts('cs.work.title')}
      extra={
        <Link to="/events">
          <Button icon={<SearchOutlined />}>{ts('cs.work.searchAll')}</Button>
        </Link>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {reviewer && (
          <div data-testid="work-review">
            <CaseQueueCard queue="review" title="ca.home.review" />
          </div>
        )}
        {dept && (
          <EventQueue
            title={ts('cs.work.dept')}
            empty={ts('cs.work.deptEmpty')}
            params={{ queue: 'reported_by_me' }}
            onOpen={setSelectedId}
            testId="work-referred"
          />
        )}
        {dept && <ComingQueue title="cs.work.plans" text="cs.work.plansEmpty" testId="work-plans" />}
        <EventQueue
          title={ts('cs.work.recent')}
          empty={ts('cs.empty')}
          params={{}}
          onOpen={setSelectedId}
          testId="work-recent"
        />
      </Space>
      <EventDrawer id={selectedId} onClose={() => setSelectedId(null)} onOpen={setSelectedId} />
    </PageContainer>
  );
}
