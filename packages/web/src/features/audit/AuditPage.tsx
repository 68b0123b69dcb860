import { CheckCircleOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import type { AuditRecord, AuditVerification } from '@openenforce/domain/audit';
import { ROLE_LABELS, type Role } from '@openenforce/domain/organization';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Query } from '../../app/api.ts';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useKeysetList } from '../../ui/useKeysetList.ts';
import { useAuditI18n } from './messages.ts';
import { AUDIT_API, useVerifyChain, verificationQuery } from './queries.ts';

const PAGE_SIZES = [20, 50, 100];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Subjects the county's records name most often (any other type can be typed). */
const COMMON_TYPES = ['event', 'matter', 'person', 'team', 'agency', 'region', 'certificate', 'user', 'file'];

interface Filters {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

function toQuery(f: Filters): Query {
  return {
    entityType: f.entityType?.trim() || undefined,
    entityId: f.entityId?.trim() || undefined,
    actorId: f.actorId?.trim() || undefined,
    action: f.action?.trim() || undefined,
    from: f.period?.[0]?.format('YYYY-MM-DD'),
    to: f.period?.[1]?.format('YYYY-MM-DD'),
  };
}

function Verification() {
  const { tu } = useAuditI18n();
  const status = useQuery(verificationQuery);
  const verify = useVerifyChain();
  const v: AuditVerification | undefined = verify.data ?? status.data;
  const running = verify.isPending || v?.state === 'running';
  return (
    <Card
      size="small"
      title={
        <Space>
          <SafetyCertificateOutlined />
          {tu('aud.chain')}
        </Space>
      }
      extra={
        <Button onClick={() => verify.mutate()} loading={running} data-testid="audit-verify">
          {tu('aud.chain.verify')}
        </Button>
      }
      data-testid="audit-verification"
      data-state={v?.state ?? ''}
      data-ok={v?.ok === null || v?.ok === undefined ? '' : String(v.ok)}
    >
      <QueryError queries={[status]} compact />
      {verify.isError && (
        <QueryError query={{ error: verify.error, isError: true, refetch: () => verify.mutate() }} compact />
      )}
      {!v && status.isPending && <Spin />}
      {v && running && <Typography.Text>{tu('aud.chain.running')}</Typography.Text>}
      {v && !running && v.state === 'never' && <Typography.Text>{tu('aud.chain.never')}</Typography.Text>}
      {v && !running && v.state === 'done' && (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {v.ok ? (
            <Typography.Text>
              <CheckCircleOutlined style={{ color: '#237804' }} /> {tu('aud.chain.ok', { n: v.records ?? 0 })}
            </Typography.Text>
          ) : (
            <Alert
              type="error"
              showIcon
              icon={<WarningOutlined />}
              title={tu('aud.chain.broken', { n: v.findings.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {v.findings.map((f, i) => (
                    <li key={i}>
                      <Tag>{f.kind}</Tag>
                      {f.from !== null && tu('aud.chain.records', { from: f.from, to: f.to ?? f.from })} {f.line}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {v.checkedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {tu('aud.chain.checkedAt', { time: dayjs(v.checkedAt).format('YYYY-MM-DD HH:mm:ss') })}
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}

/** Before/after of a record as it is stored (personal fields sealed or masked by the server). */
function Change({ record }: { record: AuditRecord }) {
  const { tu } = useAuditI18n();
  const show = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
      {(['before', 'after'] as const).map((k) => (
        <div key={k}>
          <Typography.Text strong>{tu(`aud.${k}`)}</Typography.Text>
          <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' }}>
            {show(record[k])}
          </pre>
        </div>
      ))}
    </div>
  );
}

/**
 * 审计日志 (SPEC §6, supervisors: `audit.read`): the audit records by subject, actor, action and time, newest first,
 * paged by the server's cursors; the chain's verification status with "verify now". Read-only.
 */
export default function AuditPage() {
  const { tu, pick } = useAuditI18n();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [pageSize, setPageSize] = useState(50);
  const list = useKeysetList<AuditRecord>(AUDIT_API, toQuery(filters), pageSize);

  const apply = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    form.setFieldsValue(next);
    setFilters(next);
  };

  return (
    <PageContainer testId="audit-page" title={tu('aud.title')} description={tu('aud.description')}>
      <Verification />
      <Card size="small">
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => setFilters(v)}
          data-testid="audit-filters"
          style={{ rowGap: 8 }}
        >
          <Form.Item name="entityType" label={tu('aud.entityType')}>
            <AutoComplete
              allowClear
              style={{ width: 160 }}
              placeholder={tu('aud.entityTypeAny')}
              options={COMMON_TYPES.map((t) => ({ value: t }))}
              aria-label={tu('aud.entityType')}
            />
          </Form.Item>
          <Form.Item name="entityId" label={tu('aud.entityId')}>
            <Input allowClear style={{ width: 200 }} data-testid="audit-entity-id" />
          </Form.Item>
          <Form.Item
            name="actorId"
            label={tu('aud.actorId')}
            rules={[{ pattern: UUID, message: tu('aud.invalidActor') }]}
          >
            <Input allowClear style={{ width: 300 }} data-testid="audit-actor-id" />
          </Form.Item>
          <Form.Item name="action" label={tu('aud.action')}>
            <Input allowClear style={{ width: 160 }} placeholder="event.dispatch" data-testid="audit-action" />
          </Form.Item>
          <Form.Item name="period" label={tu('aud.period')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="audit-search">
              {tu('aud.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {tu('aud.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <QueryError query={list.query} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<AuditRecord>
          rowKey="seq"
          size="small"
          loading={list.loading}
          dataSource={list.items}
          pagination={false}
          locale={{ emptyText: tu('aud.empty') }}
          expandable={{ expandedRowRender: (r) => <Change record={r} /> }}
          data-testid="audit-table"
          columns={[
            { title: tu('aud.seq'), dataIndex: 'seq', width: 90 },
            {
              title: tu('aud.at'),
              dataIndex: 'at',
              width: 170,
              render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
            },
            {
              title: tu('aud.actor'),
              key: 'actor',
              render: (_, r) => {
                const role = ROLE_LABELS[r.actorRole as Role];
                return (
                  <Space size={4} wrap>
                    <Tag>{role ? pick(role) : r.actorRole}</Tag>
                    {r.actorId ? (
                      <Tooltip title={tu('aud.onlyActor')}>
                        <Typography.Link
                          onClick={() => apply({ actorId: r.actorId! })}
                          data-testid="audit-actor"
                          style={{ fontFamily: 'monospace', fontSize: 12 }}
                        >
                          {r.actorId.slice(0, 8)}
                        </Typography.Link>
                      </Tooltip>
                    ) : (
                      <Typography.Text type="secondary">{tu('aud.system')}</Typography.Text>
                    )}
                  </Space>
                );
              },
            },
            { title: tu('aud.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
            {
              title: tu('aud.subject'),
              key: 'subject',
              render: (_, r) => (
                <Tooltip title={tu('aud.onlySubject')}>
                  <Typography.Link
                    onClick={() => apply({ entityType: r.entityType, entityId: r.entityId })}
                    data-testid="audit-subject"
                  >
                    {r.entityType} · <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{r.entityId}</span>
                  </Typography.Link>
                </Tooltip>
              ),
            },
            { title: tu('aud.ip'), dataIndex: 'clientIp', width: 130, render: (ip: string | null) => ip ?? '—' },
          ]}
        />
        <Space style={{ padding: 8, justifyContent: 'flex-end', width: '100%' }}>
          <Select
            size="small"
            value={pageSize}
            onChange={setPageSize}
            aria-label={tu('aud.pageSize')}
            options={PAGE_SIZES.map((n) => ({ value: n, label: tu('aud.perPage', { n }) }))}
            data-testid="audit-page-size"
          />
          <Typography.Text type="secondary">{tu('aud.page', { n: list.pageIndex + 1 })}</Typography.Text>
          <Button onClick={list.prev} disabled={!list.hasPrev} data-testid="audit-prev">
            {tu('aud.prev')}
          </Button>
          <Button onClick={list.next} disabled={!list.hasNext} data-testid="audit-next">
            {tu('aud.next')}
          </Button>
        </Space>
      </Card>
    </PageContainer>
  );
}
