import { PlusOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { PageContainer } from '../../ui/PageContainer.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { MatterSearch } from './MatterSearch.tsx';
import { useCatalogI18n } from './messages.ts';

const MatterFormDrawer = lazy(() => import('./MatterFormDrawer.tsx'));

/** /catalog: the ranked catalog search; administrators add matters here. */
export default function CatalogListPage() {
  const { tc } = useCatalogI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <PageContainer testId="page-catalog" title={tc('cat.matters')} description={tc('cat.mattersDescription')}>
      <MatterSearch
        endpoint="/api/catalog/matters"
        linkTo={(id) => `/catalog/${id}`}
        extra={
          <Space>
            <ExportLinks />
            {can('catalog.write') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                data-testid="create-matter"
                onClick={() => setCreating(true)}
              >
                {tc('cat.newMatter')}
              </Button>
            )}
          </Space>
        }
      />
      {creating && (
        <Suspense fallback={null}>
          <MatterFormDrawer
            mode="create"
            latest={null}
            onClose={() => setCreating(false)}
            onSaved={(v) => navigate(`/catalog/${v.matterId}`)}
            onStale={() => undefined}
          />
        </Suspense>
      )}
    </PageContainer>
  );
}
