import { ClockCircleOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { categoryLabel, EscalationTag, StatusTag, timeLeft } from '../events/labels.tsx';
import { useLiveEvents } from '../events/live.ts';
import { useEventsI18n } from '../events/messages.ts';
import { teamBoardQuery } from '../events/queries.ts';
import type { EventSummary } from '../events/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { CaseQueueCard } from '../cases/CaseQueueCard.tsx';
import { EventDrawer } from './EventDrawer.tsx';
import { useScreensI18n } from './messages.ts';

/**
 * 队伍看板 (SPEC §3, the team leader's landing page): the tasks in hand of the leader's team and the squads below it,
 * most urgent first, with overdue and due-soon counts, and who holds what. A task opens its record (the steps the
 * server allows this leader: urge, dispatch at county level, the team's own steps in the field app).
 */
export default function TeamBoardPage() {
  const { ts } = useScreensI18n();
  const { te, pick } = useEventsI18n();
  const { can } = useAuth();
  const live = useLiveEvents();
  const board = useQuery({ ...teamBoardQuery, refetchInterval: live ? 300_000 : 30_000 });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [member, setMember] = useState<string | null>(null);
  const data = board.data;
  const noTeam = board.error instanceof ApiError && board.error.details.some((d) => d.rule === 'team_member');
  const held = member ? new Set(data?.members.find((m) => m.personId === member)?.eventIds) : null;
  const tasks = (data?.tasks ?? []).filter((t) => !held || held.has(t.id));

  return (
    <PageContainer
      testId="team-board-page"
      title={data?.teamName ? `${ts('cs.board.title')} · ${data.teamName}` : ts('cs.board.title')}
      description={ts('cs.board.description')}
    >
      {noTeam ? <Alert type="warning" showIcon title={ts('cs.board.noTeam')} /> : <QueryError query={board} />}
      {!data && board.isPending && <Spin />}
      {data && (
        <>
          <Row gutter={12}>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={ts('cs.board.tasks')} value={data.tasks.length} data-testid="board-tasks" />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic
                  title={ts('cs.board.overdue')}
                  value={data.overdue}
                  styles={{ content: { color: data.overdue ? '#cf1322' : undefined } }}
                  data-testid="board-overdue"
                />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic
                  title={ts('cs.board.warning')}
                  value={data.warning}
                  styles={{ content: { color: data.warning ? '#ad6800' : undefined } }}
                />
              </Card>
            </Col>
          </Row>
          {!data.attendanceRecorded && <Alert type="info" showIcon title={ts('cs.board.attendance')} />}
          <Row gutter={12}>
            <Col xs={24} lg={16}>
              <Card size="small" title={ts('cs.board.tasks')} styles={{ body: { padding: 0 } }}>
                <Table<EventSummary>
                  rowKey="id"
                  size="small"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  dataSource={tasks}
                  locale={{ emptyText: <Empty description={ts('cs.board.empty')} /> }}
                  data-testid="board-table"
                  onRow={(e) => ({ onClick: () => setSelectedId(e.id), style: { cursor: 'pointer' } })}
                  columns={[
                    {
                      title: ts('cs.col.no'),
                      dataIndex: 'no',
                      render: (no: string, e) => (
                        <Typography.Link
                          onClick={(ev) => {
                            ev.stopPropagation();
                            setSelectedId(e.id);
                          }}
                          data-testid="board-row"
                          data-event-id={e.id}
                        >
                          {no}
                        </Typography.Link>
                      ),
                    },
                    {
                      title: ts('cs.col.category'),
                      dataIndex: 'category',
                      render: (c: string) => categoryLabel(pick, c),
                    },
                    {
                      title: ts('cs.col.status'),
                      key: 'status',
                      render: (_, e) => (
                        <Space size={4}>
                          <StatusTag status={e.status} />
                          <EscalationTag level={e.escalation} />
                        </Space>
                      ),
                    },
                    { title: ts('cs.col.team'), dataIndex: 'teamName', render: (t: string | null) => t ?? '—' },
                    {
                      title: ts('cs.col.deadline'),
                      dataIndex: 'deadline',
                      render: (d: string | null) =>
                        d ? (
                          <span>
                            <ClockCircleOutlined /> {dayjs(d).format('MM-DD HH:mm')} · {timeLeft(te, d)}
                          </span>
                        ) : (
                          '—'
                        ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={ts('cs.board.members')} data-testid="board-members">
                <List
                  size="small"
                  dataSource={[...data.members].sort((a, b) => b.openTasks - a.openTasks)}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                  renderItem={(m) => (
                    <List.Item
                      onClick={() => setMember((cur) => (cur === m.personId ? null : m.personId))}
                      style={{
                        cursor: 'pointer',
                        background: member === m.personId ? '#e6f4ff' : undefined,
                      }}
                      extra={
                        <Tag color={m.openTasks ? 'blue' : 'default'}>
                          {ts('cs.board.openTasks', { n: m.openTasks })}
                        </Tag>
                      }
                    >
                      <List.Item.Meta
                        avatar={<UserOutlined />}
                        description={
                          // The name is not Meta's title (an h4, skipping heading levels under the page's h1).
                          <span>
                            <Typography.Text strong>{m.name}</Typography.Text>
                            <br />
                            {pick(m.roleLabel)}
                            {m.teamName ? ` · ${m.teamName}` : ''}
                            {!m.hasLogin ? ` · ${ts('cs.board.noLogin')}` : ''}
                          </span>
                        }
                      />
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      {/* The leader's approvals of penalty cases (issue 10 §9): filing, preservation, extension, transfer, decision. */}
      {can('case.approve') && <CaseQueueCard queue="approve" title="ca.home.approve" />}
      <EventDrawer id={selectedId} onClose={() => setSelectedId(null)} onOpen={setSelectedId} />
    </PageContainer>
  );
}
