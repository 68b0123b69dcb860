import { PageContainer } from '../../ui/PageContainer.tsx';
import { MatterSearch } from '../catalog/MatterSearch.tsx';
import { useCatalogI18n } from '../catalog/messages.ts';
import { CATALOG_API } from '../catalog/types.ts';

/** /portal: the public catalog (published matters only), searchable like the console's. */
export default function PortalCatalogPage() {
  const { tc } = useCatalogI18n();
  return (
    <PageContainer testId="portal-catalog" title={tc('portal.catalog')} description={tc('portal.subtitle')}>
      <MatterSearch endpoint={CATALOG_API.publicMatters} linkTo={(id) => `/portal/matters/${id}`} showStatus={false} />
    </PageContainer>
  );
}
