import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { withQuery } from '../../app/api.ts';
import { useCatalogI18n } from './messages.ts';
import { CATALOG_API } from './types.ts';

/** Download the catalog as in force on a date (today by default) as XLSX or CSV: the layout the import reads. */
export function ExportLinks({ asOf }: { asOf?: string }) {
  const { tc } = useCatalogI18n();
  const href = (format: 'xlsx' | 'csv') => withQuery(CATALOG_API.export, { format, asOf });
  return (
    <Dropdown
      menu={{
        items: (['xlsx', 'csv'] as const).map((f) => ({
          key: f,
          label: (
            <a href={href(f)} download data-testid={`export-${f}`}>
              {tc(f === 'xlsx' ? 'imp.exportXlsx' : 'imp.exportCsv')}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} href={href('xlsx')} download data-testid="catalog-export">
        {tc('imp.export')}
      </Button>
    </Dropdown>
  );
}
