import { regionPatch } from '@openenforce/domain/organization';
import { Button, Card, Form, Input, Select, Tag, Tree, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type Page } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { EntityFormConfig } from '../../ui/EntityFormModal.tsx';
import { EntityListPage } from '../../ui/EntityListPage.tsx';
import { TownModeTag } from './labels.tsx';
import { ORG_API, type Region } from './types.ts';
import { invalidateTowns, useTowns } from './lookups.ts';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  isLeaf: boolean;
  children?: TreeNode[];
}

const LEVEL_COLORS = { county: 'purple', town: 'blue', village: 'cyan', grid: 'default' } as const;

function RegionTree({ selected, onSelect }: { selected: string | null; onSelect: (id: string | null) => void }) {
  const { t } = useI18n();
  const [nodes, setNodes] = useState<TreeNode[]>([]);
  const [expanded, setExpanded] = useState<React.Key[]>([]);

  const toNode = useCallback(
    (r: Region): TreeNode => ({
      key: r.id,
      isLeaf: r.level === 'grid',
      title: (
        <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          {r.name}
          {r.level === 'town' && <TownModeTag mode={r.townMode} />}
        </span>
      ),
    }),
    [],
  );

  // The county opens with its towns listed; villages and grids load when a node is expanded.
  useEffect(() => {
    let live = true;
    (async () => {
      const counties = await api<Page<Region>>(ORG_API.regions, { query: { level: 'county', limit: 10 } });
      const roots = counties.items.map(toNode);
      const first = roots[0];
      if (first) {
        const towns = await api<Page<Region>>(ORG_API.regions, { query: { parentId: first.key, limit: 200 } });
        first.children = towns.items.map(toNode);
      }
      if (!live) return;
      setNodes(roots);
      setExpanded(first ? [first.key] : []);
    })().catch(() => live && setNodes([]));
    return () => {
      live = false;
    };
  }, [toNode]);

  const loadData = async (node: { key: React.Key; children?: unknown }) => {
    if (node.children) return;
    const p = await api<Page<Region>>(ORG_API.regions, { query: { parentId: String(node.key), limit: 200 } });
    const attach = (list: TreeNode[]): TreeNode[] =>
      list.map((n) =>
        n.key === node.key
          ? { ...n, children: p.items.map(toNode) }
          : n.children
            ? { ...n, children: attach(n.children) }
            : n,
      );
    setNodes((ns) => attach(ns));
  };

  return (
    <Card
      size="small"
      title={t('region.tree')}
      style={{ width: 260, flex: 'none' }}
      styles={{ body: { padding: 8, maxHeight: 'calc(100vh - 210px)', overflow: 'auto' } }}
      extra={
        selected && (
          <Button type="link" size="small" onClick={() => onSelect(null)}>
            {t('region.showAll')}
          </Button>
        )
      }
    >
      {nodes.length > 0 ? (
        <Tree
          blockNode
          showLine
          treeData={nodes}
          loadData={loadData}
          expandedKeys={expanded}
          onExpand={setExpanded}
          selectedKeys={selected ? [selected] : []}
          onSelect={(keys) => onSelect(keys[0] ? String(keys[0]) : null)}
        />
      ) : (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      )}
    </Card>
  );
}

interface RegionValues {
  name: string;
  townMode: 'empowered' | 'dispatched' | null;
}

export default function RegionsPage() {
  const { t } = useI18n();
  const { townName } = useTowns();
  const [parentId, setParentId] = useState<string | null>(null);
  const query = useMemo(() => ({ parentId: parentId ?? undefined }), [parentId]);

  const columns: ColumnsType<Region> = [
    { title: t('field.regionCode'), dataIndex: 'id', width: 150, render: (v: string) => <code>{v}</code> },
    { title: t('field.name'), dataIndex: 'name' },
    {
      title: t('field.level'),
      dataIndex: 'level',
      width: 90,
      render: (v: Region['level']) => <Tag color={LEVEL_COLORS[v]}>{t(`level.${v}`)}</Tag>,
    },
    { title: t('field.town'), dataIndex: 'townId', render: (v: string | null) => townName(v) },
    {
      title: t('field.townMode'),
      dataIndex: 'townMode',
      width: 110,
      render: (v: Region['townMode']) => <TownModeTag mode={v} />,
    },
    {
      title: t('field.townKind'),
      dataIndex: 'townKind',
      width: 90,
      render: (v: Region['townKind']) => (v ? t(`townKind.${v}`) : ''),
    },
  ];

  // Regions come from the boundary data (seed/import): the console renames them and sets a town's mode.
  const form: EntityFormConfig<Region, RegionValues> = {
    noun: 'noun.region',
    width: 480,
    toValues: (r) => ({ name: r.name, townMode: r.townMode }),
    toBody: (v) => ({ name: v.name, townMode: v.townMode ?? undefined }),
    patchSchema: regionPatch,
    afterSave: invalidateTowns,
    fields: ({ record }) => (
      <>
        {record && (
          <div style={{ marginBottom: 16, color: '#595959' }}>
            {t('field.regionCode')}: <code>{record.id}</code> · {t(`level.${record.level}`)}
          </div>
        )}
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        {record?.level === 'town' && (
          <Form.Item name="townMode" label={t('field.townMode')} extra={t('region.townModeHint')}>
            <Select
              options={[
                { value: 'empowered', label: t('townMode.empowered') },
                { value: 'dispatched', label: t('townMode.dispatched') },
              ]}
            />
          </Form.Item>
        )}
      </>
    ),
  };

  return (
    <EntityListPage<Region, RegionValues>
      testId="page-regions"
      title="menu.regions"
      description="region.description"
      endpoint={ORG_API.regions}
      columns={columns}
      searchPlaceholder="region.search"
      query={query}
      side={<RegionTree selected={parentId} onSelect={setParentId} />}
      filters={(values, set) => (
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('field.level')}
          value={values.level}
          onChange={(v: string | undefined) => set('level', v)}
          options={(['county', 'town', 'village', 'grid'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
      )}
      form={form}
    />
  );
}
