import { LIST_KINDS } from '@openenforce/domain/catalog';
import { Card, Empty, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/errors.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { ListMatters } from '../catalog/ListMatters.tsx';
import { useCatalogI18n } from '../catalog/messages.ts';
import { CATALOG_API, type CatalogList } from '../catalog/types.ts';

/** /portal/lists: the published lists as in force today. */
export default function PortalListsPage() {
  const { tc } = useCatalogI18n();
  const [lists, setLists] = useState<CatalogList[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ lists: CatalogList[] }>(CATALOG_API.publicLists)
      .then((r) => setLists(r.lists))
      .catch(setError);
  }, []);
  return (
    <PageContainer testId="portal-lists" title={tc('portal.lists')} description={tc('lists.description')}>
      <ApiErrorAlert error={error} />
      {!lists && !error && <Spin />}
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
