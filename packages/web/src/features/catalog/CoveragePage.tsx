import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Row, Spin, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { ListTypeTag } from './labels.tsx';
import { useCatalogI18n } from './messages.ts';
import { coverageQuery } from './queries.ts';

// ECharts is large: the charts are a chunk of their own, loaded when this page opens.
const ListTypePie = lazy(() => import('./CoverageCharts.tsx').then((m) => ({ default: m.ListTypePie })));
const DomainBars = lazy(() => import('./CoverageCharts.tsx').then((m) => ({ default: m.DomainBars })));
const TownBars = lazy(() => import('./CoverageCharts.tsx').then((m) => ({ default: m.TownBars })));

const spin = (
  <div style={{ height: 260, display: 'grid', placeItems: 'center' }}>
    <Spin />
  </div>
);

/** /catalog/coverage: the figures the reform reports, ours beside Wenling's (seed 002). */
export default function CoveragePage() {
  const { tc } = useCatalogI18n();
  const [asOf, setAsOf] = useState<string>();
  const query = useQuery({ ...coverageQuery(asOf), placeholderData: keepPreviousData });
  const data = query.data;

  const comprehensive = data?.byListType.find((l) => l.listType === 'comprehensive');
  return (
    <PageContainer
      testId="page-catalog-coverage"
      title={tc('cov.title')}
      description={tc('cov.description')}
      extra={
        <DatePicker
          value={asOf ? dayjs(asOf) : null}
          placeholder={tc('matter.asOf')}
          onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
          data-testid="coverage-as-of"
        />
      }
    >
      <QueryError query={query} />
      {!data && !query.isError && <Spin />}
      {data && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              <Card size="small" data-testid="stat-total">
                <Statistic title={tc('cov.total')} value={data.total} />
                <Typography.Text type="secondary">
                  {tc('cov.reference', { value: tc('cov.referenceItems') })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" data-testid="stat-comprehensive">
                <Statistic
                  title={tc('cov.comprehensiveShare')}
                  value={comprehensive?.sharePct ?? 0}
                  precision={2}
                  suffix={`%（${(comprehensive?.items ?? 0).toLocaleString()}）`}
                />
                <Typography.Text type="secondary">
                  {tc('cov.reference', { value: tc('cov.referenceShare') })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" data-testid="stat-domains">
                <Statistic title={tc('cov.domainShare')} value={data.domains.sharePct} precision={2} suffix="%" />
                <Typography.Text type="secondary">
                  {tc('cov.domainsValue', {
                    covered: data.domains.coveredByComprehensive,
                    total: data.domains.withMatters,
                  })}
                  {' · '}
                  {tc('cov.reference', { value: tc('cov.referenceDomains') })}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tc('cov.referenceSource')}
          </Typography.Text>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={tc('cov.byListType')}>
                <Suspense fallback={spin}>
                  <ListTypePie coverage={data} />
                </Suspense>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="listType"
                  dataSource={data.byListType}
                  columns={[
                    {
                      dataIndex: 'listType',
                      title: tc('field.listType'),
                      render: (l: string) => <ListTypeTag listType={l} />,
                    },
                    {
                      dataIndex: 'items',
                      title: tc('cov.items'),
                      align: 'right',
                      render: (n: number) => n.toLocaleString(),
                    },
                    { dataIndex: 'sharePct', title: '%', align: 'right', render: (p: number) => `${p.toFixed(2)}%` },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={tc('cov.perDomain')}>
                <Suspense fallback={spin}>
                  <DomainBars coverage={data} />
                </Suspense>
              </Card>
            </Col>
          </Row>
          <Card size="small" title={tc('cov.perTown')}>
            <Suspense fallback={spin}>
              <TownBars coverage={data} />
            </Suspense>
          </Card>
        </>
      )}
    </PageContainer>
  );
}
