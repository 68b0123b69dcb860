import { LIST_KINDS } from '@openenforce/domain/catalog';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Spin, Typography } from 'antd';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { ListMatters } from '../catalog/ListMatters.tsx';
import { useCatalogI18n } from '../catalog/messages.ts';
import { publicListsQuery } from '../catalog/queries.ts';

/** /portal/lists: the published lists as in force today. */
export default function PortalListsPage() {
  const { tc } = useCatalogI18n();
  const query = useQuery(publicListsQuery);
  const lists = query.data;
  return (
    <PageContainer testId="portal-lists" title={tc('portal.lists')} description={tc('lists.description')}>
      <QueryError query={query} />
      {!lists && !query.isError && <Spin />}
      {lists &&
        LIST_KINDS.map((k) => {
          const list = lists.find((l) => l.kind === k);
          return (
            <Card
              key={k}
              size="small"
              title={tc(`lists.kind.${k}`)}
              extra={
                list && (
                  <Typography.Text type="secondary">{tc('lists.count', { n: list.matters.length })}</Typography.Text>
                )
              }
              data-testid={`portal-list-${k}`}
            >
              {list?.version ? (
                <>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    {tc('lists.version', {
                      version: list.version,
                      date: list.effectiveFrom ?? '',
                      announcement: list.announcement ?? '',
                    })}
                  </Typography.Paragraph>
                  <ListMatters matters={list.matters} linkTo={(id) => `/portal/matters/${id}`} />
                </>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tc('lists.noVersion')} />
              )}
            </Card>
          );
        })}
    </PageContainer>
  );
}
