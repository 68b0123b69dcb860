import { ArrowLeftOutlined } from '@ant-design/icons';
import type { PublicMatterVersion } from '@openenforce/domain/catalog';
import { useQuery } from '@tanstack/react-query';
import { Card, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { domainLabel } from '../organization/labels.tsx';
import { DiscretionSummary } from '../catalog/DiscretionSummary.tsx';
import { FlagTags, kindLabel, ListTypeTag } from '../catalog/labels.tsx';
import { MatterDetails } from '../catalog/MatterDetails.tsx';
import { useCatalogI18n } from '../catalog/messages.ts';
import { publicMatterQuery } from '../catalog/queries.ts';
import { useDocumentTitle } from '../../app/title.ts';

/** Who exercises the matter, from its list type and source department (no login-only lookups on the portal). */
function responsibleText(tc: ReturnType<typeof useCatalogI18n>['tc'], m: PublicMatterVersion): string {
  return tc(`portal.resp.${m.listType}`, { department: m.sourceDepartment });
}

/** /portal/matters/:id: basis, discretion standards, procedure and the responsible body of a published matter. */
export default function PortalMatterPage() {
  const { id = '' } = useParams();
  const { tc, lang } = useCatalogI18n();
  const query = useQuery(publicMatterQuery(id));
  const data = query.data;
  useDocumentTitle(data?.matter?.name);

  if (query.isError && !data)
    return query.error instanceof ApiError && query.error.status === 404 ? (
      <Result
        status="404"
        title="404"
        subTitle={tc('cat.notFound')}
        extra={<Link to="/portal">{tc('portal.back')}</Link>}
      />
    ) : (
      <QueryError query={query} />
    );
  if (!data)
    return (
      <div style={{ padding: 80, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  // The version in force (the server answers 404 when none is).
  const m = data.matter;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="portal-matter">
      <Link to="/portal" style={{ fontSize: 13 }}>
        <ArrowLeftOutlined /> {tc('portal.back')}
      </Link>
      <Card size="small">
        <Typography.Title level={1} style={{ margin: 0, fontSize: 20 }} data-testid="matter-name">
          {m.name}
        </Typography.Title>
        <Space size={6} wrap style={{ marginTop: 8 }}>
          {m.code && <Tag style={{ marginInlineEnd: 0 }}>{m.code}</Tag>}
          <ListTypeTag listType={m.listType} />
          <Tag style={{ marginInlineEnd: 0 }}>{kindLabel(tc, m.kind)}</Tag>
          <Tag style={{ marginInlineEnd: 0 }}>{domainLabel(m.domain, lang)}</Tag>
          <FlagTags flags={m.flags} />
        </Space>
      </Card>
      <MatterDetails matter={m} publicView>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 12 }}>
          <Card size="small" title={tc('portal.responsible')} data-testid="portal-responsible">
            {responsibleText(tc, m)}
          </Card>
          <Card size="small" title={tc('portal.procedure')} data-testid="portal-procedure">
            <Typography.Paragraph style={{ margin: 0 }}>{tc(`portal.proc.${m.kind}`)}</Typography.Paragraph>
          </Card>
        </div>
        <Card size="small" title={tc('portal.discretion')}>
          <DiscretionSummary discretion={m.discretion} />
        </Card>
        <Card size="small" title={tc('hist.title')}>
          <Table
            size="small"
            pagination={false}
            rowKey="version"
            dataSource={[...data.versions].reverse()}
            columns={[
              { dataIndex: 'version', title: tc('field.version'), render: (v: number) => `v${v}` },
              { dataIndex: 'effectiveFrom', title: tc('field.effectiveFrom') },
              { dataIndex: 'announcement', title: tc('field.announcement') },
            ]}
          />
        </Card>
      </MatterDetails>
    </div>
  );
}
