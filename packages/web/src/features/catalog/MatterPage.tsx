import { ArrowLeftOutlined, EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Result, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { domainLabel } from '../organization/labels.tsx';
import { DiscretionCalculator } from './DiscretionCalculator.tsx';
import { DiscretionSummary } from './DiscretionSummary.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { JurisdictionPanel } from './JurisdictionPanel.tsx';
import { FlagTags, kindLabel, ListTypeTag, StatusTag } from './labels.tsx';
import { useTowns } from './lookups.ts';
import { MatterDetails } from './MatterDetails.tsx';
import { useCatalogI18n } from './messages.ts';
import { TownPowersTable } from './TownPowersTable.tsx';
import { matterQuery, useCatalogChanged } from './queries.ts';
import { useDocumentTitle } from '../../app/title.ts';

const MatterFormDrawer = lazy(() => import('./MatterFormDrawer.tsx'));
const DiscretionEditorDrawer = lazy(() => import('./DiscretionEditorDrawer.tsx'));

const TABS = ['details', 'discretion', 'jurisdiction', 'history'] as const;
type TabKey = (typeof TABS)[number];

/**
 * /catalog/:id — one matter as of a date (default today; `?asOf=` keeps the choice in the address), with its
 * discretion benchmark and calculator, the jurisdiction panel and the version history. Administrators change it
 * as a new version and edit the benchmark.
 */
export default function MatterPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const tab: TabKey = TABS.includes(params.get('tab') as TabKey) ? (params.get('tab') as TabKey) : 'details';
  const i18n = useCatalogI18n();
  const { tc, lang } = i18n;
  const { can } = useAuth();
  const { towns, townName, query: townsQuery } = useTowns();
  const [editing, setEditing] = useState<'matter' | 'discretion' | null>(null);
  const reload = useCatalogChanged();
  const query = useQuery({
    ...matterQuery(id, asOf),
    // Another date of the same matter: the page stays while it loads.
    placeholderData: (prev) => (prev?.latest.matterId === id ? prev : undefined),
  });
  const data = query.data;

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  useDocumentTitle((data?.matter ?? data?.latest)?.name);
  if (query.isError && !data)
    return query.error instanceof ApiError && query.error.status === 404 ? (
      <Result status="404" title="404" subTitle={tc('cat.notFound')} />
    ) : (
      <QueryError query={query} />
    );
  if (!data)
    return (
      <div style={{ padding: 80, textAlign: 'center' }}>
        <Spin />
      </div>
    );

  const { matter, latest } = data;
  const shown = matter ?? latest;
  const writable = can('catalog.write');
  const saved = () => {
    setEditing(null);
    setParam('asOf', undefined);
    reload();
  };

  return (
    <div
      data-testid="page-matter"
      data-matter-id={latest.matterId}
      style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
    >
      <div>
        <Link to="/catalog" style={{ fontSize: 13 }}>
          <ArrowLeftOutlined /> {tc('matter.backToList')}
        </Link>
      </div>
      <QueryError queries={[query, townsQuery]} />
      <Card size="small">
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <div style={{ flex: 1, minWidth: 320 }}>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 20 }} data-testid="matter-name">
              {shown.name}
            </Typography.Title>
            <Space size={6} wrap style={{ marginTop: 8 }}>
              {shown.code && <Tag style={{ marginInlineEnd: 0 }}>{shown.code}</Tag>}
              <ListTypeTag listType={shown.listType} />
              <Tag style={{ marginInlineEnd: 0 }}>{kindLabel(tc, shown.kind)}</Tag>
              <Tag style={{ marginInlineEnd: 0 }}>{domainLabel(shown.domain, lang)}</Tag>
              <StatusTag published={shown.published} withdrawn={shown.withdrawn} />
              <FlagTags flags={shown.flags} />
            </Space>
            <div style={{ marginTop: 8, color: '#595959', fontSize: 13 }} data-testid="matter-version">
              <HistoryOutlined />{' '}
              {tc('matter.versionLine', {
                version: shown.version,
                date: shown.effectiveFrom,
                announcement: shown.announcement,
              })}
            </div>
          </div>
          <Space wrap>
            <Tooltip title={tc('matter.asOfHint', { date: data.asOf })}>
              <DatePicker
                value={asOf ? dayjs(asOf) : null}
                placeholder={tc('matter.asOf')}
                onChange={(d) => setParam('asOf', d ? d.format('YYYY-MM-DD') : undefined)}
                data-testid="as-of"
              />
            </Tooltip>
            {writable && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing('matter')}
                data-testid="edit-matter"
              >
                {tc('matter.editVersion')}
              </Button>
            )}
          </Space>
        </div>
        {matter && matter.version !== latest.version && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="as-of-note"
            title={tc('matter.viewingOld', {
              date: data.asOf,
              version: matter.version,
              latest: latest.version,
              latestFrom: latest.effectiveFrom,
            })}
          />
        )}
        {!matter && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="as-of-note"
            title={tc('matter.notInForce', { date: data.asOf, first: data.versions[0]?.effectiveFrom ?? '' })}
          />
        )}
      </Card>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam('tab', k === 'details' ? undefined : k)}
          items={[
            {
              key: 'details',
              label: tc('matter.tabDetails'),
              children: matter ? (
                <MatterDetails matter={matter}>
                  <TownPowersTable matter={matter} towns={towns} />
                  <Card size="small" title={tc('field.discretion')}>
                    <DiscretionSummary discretion={matter.discretion} />
                  </Card>
                </MatterDetails>
              ) : null,
            },
            {
              key: 'discretion',
              label: <span data-testid="tab-discretion">{tc('matter.tabDiscretion')}</span>,
              children: (
                <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
                  <Card
                    size="small"
                    title={tc('field.discretion')}
                    extra={
                      writable && (
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing('discretion')}
                          data-testid="edit-discretion"
                        >
                          {tc('disc.edit')}
                        </Button>
                      )
                    }
                  >
                    <DiscretionSummary discretion={shown.discretion} />
                  </Card>
                  <DiscretionCalculator matterId={latest.matterId} date={asOf} />
                </div>
              ),
            },
            {
              key: 'jurisdiction',
              label: <span data-testid="tab-jurisdiction">{tc('matter.tabJurisdiction')}</span>,
              children: <JurisdictionPanel matterId={latest.matterId} towns={towns} defaultDate={data.asOf} />,
            },
            {
              key: 'history',
              label: (
                <span data-testid="tab-history">
                  {tc('matter.tabHistory')} ({data.versions.length})
                </span>
              ),
              children: <HistoryTimeline matterId={latest.matterId} townName={townName} />,
            },
          ]}
        />
      </Card>
      <Suspense fallback={null}>
        {editing === 'matter' && (
          <MatterFormDrawer
            mode="edit"
            latest={latest}
            onClose={() => setEditing(null)}
            onSaved={saved}
            onStale={reload}
          />
        )}
        {editing === 'discretion' && (
          <DiscretionEditorDrawer latest={latest} onClose={() => setEditing(null)} onSaved={saved} onStale={reload} />
        )}
      </Suspense>
    </div>
  );
}
