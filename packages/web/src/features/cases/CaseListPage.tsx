import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CASE_PROCEDURES,
  CASE_STATE_LABELS,
  CASE_STATES,
  DEADLINE_COLOURS,
  type CaseSummary,
} from '@openenforce/domain/cases';
import type { Permission } from '@openenforce/domain/organization';
import { useQueries } from '@tanstack/react-query';
import { Badge, Button, Card, Form, Input, Select, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Query } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { useKeysetList } from '../../ui/useKeysetList.ts';
import { TeamSelect } from '../organization/selects.tsx';
import { ColourTag, StateTag } from './CasePanels.tsx';
import { valueLabel } from './labels.ts';
import { useCasesI18n, type CasesKey } from './messages.ts';
import { OpenCaseModal } from './OpenCaseForm.tsx';
import {
  CASE_QUEUE_TABS,
  CASES_API,
  caseExportUrl,
  caseListQuery,
  QUEUE_COUNT_LIMIT,
  type CaseQueueTab,
} from './queries.ts';
import './cases.css';

const PAGE_SIZE = 50;

/** Who sees a queue's tab (the server answers every queue for everyone; these are the personas' own). */
const QUEUE_PERMISSION: Partial<Record<CaseQueueTab, Permission>> = {
  mine: 'case.handle',
  approve: 'case.approve',
  review: 'case.review',
};

interface Filters {
  status?: string;
  procedure?: string;
  teamId?: string | null;
  matterId?: string | null;
  party?: string;
  colour?: string;
  q?: string;
}

const toQuery = (f: Filters): Query => ({
  status: f.status,
  procedure: f.procedure,
  teamId: f.teamId ?? undefined,
  matterId: f.matterId ?? undefined,
  party: f.party?.trim() || undefined,
  colour: f.colour,
  q: f.q?.trim() || undefined,
});

/**
 * 案件管理 (issue 10 §11): the queues as tabs with their counts (my cases, to approve, to review, hearings this
 * week, due today, overdue), the filters, server paging, Excel export of the same selection, and opening a case.
 *
 * Test hooks: tabs `case-queue-<queue>` (data-count), rows `case-row` (data-case-id), `case-export`, `case-open`.
 */
export default function CaseListPage() {
  const { tc, pick } = useCasesI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [opening, setOpening] = useState(false);
  const tabs = CASE_QUEUE_TABS.filter((q) => !QUEUE_PERMISSION[q] || can(QUEUE_PERMISSION[q]));
  const asked = params.get('queue') as CaseQueueTab | null;
  const queue: CaseQueueTab = asked && tabs.includes(asked) ? asked : 'all';
  const query: Query = { ...toQuery(filters), queue: queue === 'all' ? undefined : queue };
  const list = useKeysetList<CaseSummary>(CASES_API, query, PAGE_SIZE);
  const counts = useQueries({
    queries: tabs
      .filter((q) => q !== 'all')
      .map((q) => ({ ...caseListQuery({ queue: q, limit: QUEUE_COUNT_LIMIT }), refetchInterval: 60_000 })),
  });
  const countOf = (q: CaseQueueTab) => {
    const i = (tabs.filter((x) => x !== 'all') as CaseQueueTab[]).indexOf(q);
    const page = i >= 0 ? counts[i]?.data : undefined;
    if (!page) return undefined;
    return page.nextCursor ? `${QUEUE_COUNT_LIMIT}+` : String(page.items.length);
  };

  return (
    <PageContainer
      testId="case-list-page"
      title={tc('ca.list.title')}
      description={tc('ca.list.description')}
      extra={
        <Space>
          <Tooltip title={tc('ca.exportHint')}>
            <Button icon={<DownloadOutlined />} href={caseExportUrl(query)} download data-testid="case-export">
              {tc('ca.export')}
            </Button>
          </Tooltip>
          {can('case.handle') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="case-open">
              {tc('ca.open')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={queue}
        onChange={(k) => setParams(k === 'all' ? {} : { queue: k }, { replace: true })}
        items={tabs.map((q) => {
          const n = q === 'all' ? undefined : countOf(q);
          return {
            key: q,
            label: (
              <span data-testid={`case-queue-${q}`} data-count={n ?? ''}>
                {tc(`ca.queue.${q}` as CasesKey)}
                {n !== undefined && (
                  <Badge
                    count={n}
                    showZero
                    overflowCount={QUEUE_COUNT_LIMIT}
                    color={n === '0' ? '#8c8c8c' : q === 'overdue' ? '#cf1322' : '#1677ff'}
                    style={{ marginInlineStart: 6 }}
                  />
                )}
              </span>
            ),
          };
        })}
      />
      <Card size="small">
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => setFilters(v)}
          style={{ rowGap: 8 }}
          data-testid="case-filters"
        >
          <Form.Item name="q" label={tc('ca.filter.q')}>
            <Input allowClear style={{ width: 200 }} placeholder={tc('ca.filter.qHint')} data-testid="case-filter-q" />
          </Form.Item>
          <Form.Item name="status" label={tc('ca.filter.status')}>
            <Select
              allowClear
              style={{ minWidth: 160 }}
              data-testid="case-filter-status"
              options={CASE_STATES.map((s) => ({ value: s, label: pick(CASE_STATE_LABELS[s]) }))}
            />
          </Form.Item>
          <Form.Item name="procedure" label={tc('ca.filter.procedure')}>
            <Select
              allowClear
              style={{ minWidth: 120 }}
              options={CASE_PROCEDURES.map((p) => ({ value: p, label: valueLabel(pick, p) }))}
            />
          </Form.Item>
          {can('org.read') && (
            <Form.Item name="teamId" label={tc('ca.filter.team')}>
              <TeamSelect style={{ minWidth: 180 }} />
            </Form.Item>
          )}
          {can('catalog.read') && (
            <Form.Item name="matterId" label={tc('ca.filter.matter')}>
              <RemoteSelect<{ id: string; name: string }>
                endpoint="/api/catalog/matters"
                optionLabel={(m) => m.name}
                style={{ minWidth: 220 }}
              />
            </Form.Item>
          )}
          <Form.Item name="party" label={tc('ca.filter.party')}>
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="colour" label={tc('ca.filter.colour')}>
            <Select
              allowClear
              style={{ minWidth: 120 }}
              options={DEADLINE_COLOURS.map((c) => ({ value: c, label: valueLabel(pick, c) }))}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="case-filter-submit">
              {tc('ca.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {tc('ca.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <QueryError query={list.query} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<CaseSummary>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: <Typography.Text type="secondary">{tc('ca.empty')}</Typography.Text> }}
          data-testid="case-table"
          columns={[
            {
              title: tc('ca.col.number'),
              dataIndex: 'number',
              render: (n: string, c) => (
                <Link to={`/cases/${c.id}`} data-testid="case-row" data-case-id={c.id} data-status={c.status}>
                  {n}
                </Link>
              ),
            },
            {
              title: tc('ca.col.status'),
              key: 'status',
              render: (_, c) => (
                <Space size={4}>
                  <StateTag status={c.status} />
                  <ColourTag colour={c.colour} />
                </Space>
              ),
            },
            {
              title: tc('ca.col.procedure'),
              dataIndex: 'procedure',
              render: (p: string | null) => (p ? valueLabel(pick, p) : '—'),
            },
            { title: tc('ca.col.matter'), dataIndex: 'matterName', ellipsis: true, render: (m) => m ?? '—' },
            { title: tc('ca.col.party'), dataIndex: 'partyName', render: (p) => p ?? '—' },
            { title: tc('ca.col.team'), dataIndex: 'teamName', render: (t) => t ?? '—' },
            { title: tc('ca.col.actDate'), dataIndex: 'actDate' },
            {
              title: tc('ca.col.due'),
              dataIndex: 'nextDueAt',
              render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD') : '—'),
            },
          ]}
        />
        <Space style={{ padding: 8, justifyContent: 'flex-end', width: '100%' }}>
          <Typography.Text type="secondary">{tc('ca.page', { n: list.pageIndex + 1 })}</Typography.Text>
          <Button onClick={list.prev} disabled={!list.hasPrev} data-testid="case-prev">
            {tc('ca.prev')}
          </Button>
          <Button onClick={list.next} disabled={!list.hasNext} data-testid="case-next">
            {tc('ca.nextPage')}
          </Button>
        </Space>
      </Card>
      <OpenCaseModal
        open={opening}
        onClose={() => setOpening(false)}
        onOpened={(id) => {
          setOpening(false);
          void navigate(`/cases/${id}`);
        }}
      />
    </PageContainer>
  );
}
