import { SendOutlined } from '@ant-design/icons';
import { LIST_KINDS } from '@openenforce/domain/catalog';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Spin, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { useApplyServerErrors } from '../../ui/formErrors.ts';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { ListMatters } from './ListMatters.tsx';
import { MatterMultiSelect } from './MatterMultiSelect.tsx';
import { useCatalogI18n } from './messages.ts';
import { listsQuery, useCatalogChanged } from './queries.ts';
import { CATALOG_API, type CatalogList, type ListKind } from './types.ts';

interface PublishValues {
  matterIds: string[];
  effectiveFrom: Dayjs;
  announcement: string;
}

function PublishModal({ list, onClose, onDone }: { list: CatalogList; onClose: () => void; onDone: () => void }) {
  const { tc, pick } = useCatalogI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PublishValues>();
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const applyServerErrors = useApplyServerErrors();

  const submit = async () => {
    let v: PublishValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api<{ version: number }>(CATALOG_API.listVersions(list.kind), {
        method: 'POST',
        body: {
          matterIds: v.matterIds ?? [],
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
          announcement: v.announcement,
          baseVersion: list.version,
        },
      });
      message.success(tc('lists.published', { version: saved.version }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT_STALE_VERSION') {
        setStale(pick(err.body.message));
        onDone();
      } else setError(applyServerErrors(form, err) ? null : err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={tc('lists.publishTitle', { kind: tc(`lists.kind.${list.kind}`), version: list.version })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={tc('lists.publish')}
      confirmLoading={saving}
      destroyOnHidden
    >
      {stale && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={stale} data-testid="stale-version" />
      )}
      <ApiErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<PublishValues>
        form={form}
        layout="vertical"
        initialValues={{ matterIds: list.matters.map((m) => m.id), effectiveFrom: dayjs(), announcement: '' }}
      >
        <Form.Item name="matterIds" label={tc('field.matters')}>
          <MatterMultiSelect initial={list.matters} data-testid="list-matters" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: '0 16px' }}>
          <Form.Item name="effectiveFrom" label={tc('field.effectiveFrom')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="announcement"
            label={tc('field.announcement')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}

/** /catalog/lists: the three published lists as in force today; administrators publish a new version. */
export default function ListsPage() {
  const { tc } = useCatalogI18n();
  const { can } = useAuth();
  const query = useQuery(listsQuery);
  const lists = query.data;
  const changed = useCatalogChanged();
  const [kind, setKind] = useState<ListKind>('first_violation_waiver');
  const [publishing, setPublishing] = useState<CatalogList | null>(null);

  return (
    <PageContainer testId="page-catalog-lists" title={tc('lists.title')} description={tc('lists.description')}>
      <QueryError query={query} />
      {!lists && !query.isError && <Spin />}
      {lists && (
        <Card size="small" styles={{ body: { paddingTop: 0 } }}>
          <Tabs
            activeKey={kind}
            onChange={(k) => setKind(k as ListKind)}
            items={LIST_KINDS.map((k) => {
              const list = lists.find((l) => l.kind === k);
              return {
                key: k,
                label: (
                  <span data-testid={`list-tab-${k}`}>
                    {tc(`lists.kind.${k}`)} ({list?.matters.length ?? 0})
                  </span>
                ),
                children: list ? (
                  <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid={`list-${k}`}>
                    <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
                      <Typography.Text type={list.version ? undefined : 'secondary'} style={{ flex: 1 }}>
                        {list.version
                          ? tc('lists.version', {
                              version: list.version,
                              date: list.effectiveFrom ?? '',
                              announcement: list.announcement ?? '',
                            })
                          : tc('lists.noVersion')}
                      </Typography.Text>
                      {can('catalog.write') && (
                        <Button
                          type="primary"
                          icon={<SendOutlined />}
                          onClick={() => setPublishing(list)}
                          data-testid={`publish-${k}`}
                        >
                          {tc('lists.publish')}
                        </Button>
                      )}
                    </div>
                    {list.matters.length ? (
                      <ListMatters matters={list.matters} linkTo={(id) => `/catalog/${id}`} />
                    ) : (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                    )}
                  </div>
                ) : null,
              };
            })}
          />
        </Card>
      )}
      {publishing && (
        <PublishModal
          list={publishing}
          onClose={() => setPublishing(null)}
          onDone={() => {
            setPublishing(null);
            changed();
          }}
        />
      )}
    </PageContainer>
  );
}
