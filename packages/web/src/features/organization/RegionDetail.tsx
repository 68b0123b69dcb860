import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Space, Spin, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { TownModeTag } from './labels.tsx';
import { regionQuery } from './queries.ts';
import type { RegionDetail as Detail } from './types.ts';
import { COLORS } from '../../app/theme.ts';

// Leaflet is loaded only when a region is shown, not with the regions list.
const BoundaryPreview = lazy(() => import('../map/BoundaryPreview.tsx'));

export const LEVEL_COLORS = { county: 'purple', town: 'blue', village: 'cyan', grid: 'default' } as const;

const PREVIEW_HEIGHT = 180;

/**
 * The region selected in the tree (GET /api/org/regions/:id): its path as a breadcrumb, its facts and a preview of
 * its boundary. A save on the page invalidates the regions (and the map's shapes), so both are read again.
 *
 * Test hooks: `[data-testid=region-detail]` (with `data-region-id`), `region-path`, `add-child`, `edit-selected`.
 */
export function RegionDetail(props: {
  id: string;
  writable: boolean;
  onNavigate: (id: string) => void;
  onAddChild: (parent: Detail) => Promise<void>;
  onEdit: (region: Detail) => void;
}) {
  const { id, writable, onNavigate, onAddChild, onEdit } = props;
  const { t } = useI18n();
  const [opening, setOpening] = useState(false);
  const query = useQuery(regionQuery(id));

  const current = query.data ?? null;
  if (!current && query.isError) return <QueryError query={query} />;
  if (!current)
    return (
      <Card size="small" data-testid="region-detail">
        <Spin size="small" />
      </Card>
    );

  const r = current;
  const facts = [
    { key: 'code', label: t('field.regionCode'), children: <code>{r.id}</code> },
    {
      key: 'level',
      label: t('field.level'),
      children: <Tag color={LEVEL_COLORS[r.level]}>{t(`level.${r.level}`)}</Tag>,
    },
    ...(r.level === 'town'
      ? [
          { key: 'mode', label: t('field.townMode'), children: <TownModeTag mode={r.townMode} /> },
          { key: 'kind', label: t('field.townKind'), children: r.townKind ? t(`townKind.${r.townKind}`) : '' },
        ]
      : []),
    {
      key: 'children',
      label: t('region.childCount'),
      children: <span data-testid="region-child-count">{t('region.childCountValue', { n: r.childCount })}</span>,
    },
  ];

  return (
    <Card
      size="small"
      data-testid="region-detail"
      data-region-id={r.id}
      title={
        <Breadcrumb
          data-testid="region-path"
          items={r.path.map((p, i) =>
            i === r.path.length - 1
              ? { key: p.id, title: <span data-region-id={p.id}>{p.name}</span> }
              : {
                  key: p.id,
                  title: (
                    <a
                      href={`#${p.id}`}
                      data-region-id={p.id}
                      onClick={(e) => {
                        e.preventDefault();
                        onNavigate(p.id);
                      }}
                    >
                      {p.name}
                    </a>
                  ),
                },
          )}
        />
      }
      extra={
        writable && (
          <Space size={4}>
            {r.level !== 'grid' && (
              <Button
                size="small"
                type="primary"
                icon={<PlusOutlined />}
                loading={opening}
                data-testid="add-child"
                onClick={() => {
                  setOpening(true);
                  void onAddChild(r).finally(() => setOpening(false));
                }}
              >
                {t('region.addChild')}
              </Button>
            )}
            <Button size="small" icon={<EditOutlined />} data-testid="edit-selected" onClick={() => onEdit(r)}>
              {t('common.edit')}
            </Button>
          </Space>
        )
      }
      styles={{ body: { display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-start' } }}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ flex: '1 1 240px', minWidth: 0 }}
        styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
        items={facts}
      />
      <div style={{ flex: '0 1 340px', minWidth: 240 }}>
        {r.centroid ? (
          <Suspense
            fallback={
              <div style={{ height: PREVIEW_HEIGHT, display: 'grid', placeItems: 'center' }}>
                <Spin size="small" />
              </div>
            }
          >
            <BoundaryPreview region={{ id: r.id, level: r.level, townId: r.townId }} height={PREVIEW_HEIGHT} />
          </Suspense>
        ) : (
          <div
            data-testid="region-preview"
            data-status="none"
            style={{
              height: PREVIEW_HEIGHT,
              display: 'grid',
              placeItems: 'center',
              border: '1px dashed #d9d9d9',
              borderRadius: 4,
              color: COLORS.textSecondary,
              fontSize: 12,
            }}
          >
            {t('region.noBoundary')}
          </div>
        )}
      </div>
    </Card>
  );
}
