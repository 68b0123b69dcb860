import { levelBelow, regionCreate, regionPatch } from '@openenforce/domain/organization';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Tag, Tree, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Page } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import type { EntityFormConfig } from '../../ui/EntityFormModal.tsx';
import { EntityListPage, type EntityListHandle } from '../../ui/EntityListPage.tsx';
import { useReportError } from '../../ui/useReportError.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { MAP_API } from '../map/queries.ts';
import { parseBoundary } from './boundary.ts';
import { BoundaryInput, boundaryValidator } from './BoundaryInput.tsx';
import { TownModeTag } from './labels.tsx';
import { LEVEL_COLORS, RegionDetail } from './RegionDetail.tsx';
import { ORG_API, type Region, type RegionDetail as Detail } from './types.ts';
import { useTowns } from './lookups.ts';
import { childRegionsQuery } from './queries.ts';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  isLeaf: boolean;
  children?: TreeNode[];
}

/** Nodes whose children were loaded again (after a save): their loaded grandchildren stay. */
function attachChildren(list: TreeNode[], key: string, fresh: TreeNode[]): TreeNode[] {
  return list.map((n) => {
    if (n.key === key) {
      const old = new Map((n.children ?? []).map((c) => [c.key, c]));
      return { ...n, children: fresh.map((c) => ({ ...c, children: old.get(c.key)?.children })) };
    }
    return n.children ? { ...n, children: attachChildren(n.children, key, fresh) } : n;
  });
}

/**
 * The code suggested for a new child: the parent's code and the 3-digit number after the highest one its children
 * use (the first free one once 999 is taken), or null when all 999 are taken.
 */
async function nextChildCode(parentId: string): Promise<string | null> {
  const used = new Set<number>();
  let cursor: string | undefined;
  do {
    const page = await api<Page<Region>>(ORG_API.regions, { query: { parentId, limit: 200, cursor } });
    for (const r of page.items) {
      if (r.id.length === parentId.length + 3 && r.id.startsWith(parentId)) used.add(Number(r.id.slice(-3)));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const after = used.size ? Math.max(...used) + 1 : 1;
  let n = after <= 999 ? after : 1;
  while (n <= 999 && used.has(n)) n++;
  return n <= 999 ? `${parentId}${String(n).padStart(3, '0')}` : null;
}

function RegionTree({
  selected,
  onSelect,
  refresh,
}: {
  selected: string | null;
  onSelect: (id: string | null) => void;
  /** Reload the children of these nodes (after a region was created or changed under them). */
  refresh: { ids: string[]; n: number };
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const reportError = useReportError();
  const [nodes, setNodes] = useState<TreeNode[]>([]);
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [rootError, setRootError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  /** A region's children through the query cache; `fresh` reads them again (after a save under the node). */
  const childrenOf = useCallback(
    async (parentId: string, fresh = false): Promise<Region[]> =>
      (await queryClient.fetchQuery({ ...childRegionsQuery(parentId), staleTime: fresh ? 0 : undefined })).items,
    [queryClient],
  );

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
    setRootError(null);
    (async () => {
      const counties = await queryClient.fetchQuery({
        queryKey: [ORG_API.regions, 'list', { level: 'county', limit: 10 }],
        queryFn: ({ signal }) => api<Page<Region>>(ORG_API.regions, { query: { level: 'county', limit: 10 }, signal }),
      });
      const roots = counties.items.map(toNode);
      const first = roots[0];
      if (first) first.children = (await childrenOf(first.key)).map(toNode);
      if (!live) return;
      setNodes(roots);
      setExpanded(first ? [first.key] : []);
    })().catch((err: unknown) => live && setRootError(err));
    return () => {
      live = false;
    };
  }, [toNode, childrenOf, queryClient, attempt]);

  const loadData = async (node: { key: React.Key; children?: unknown }) => {
    if (node.children) return;
    try {
      const items = await childrenOf(String(node.key));
      setNodes((ns) => attachChildren(ns, String(node.key), items.map(toNode)));
    } catch (err) {
      reportError(err);
    }
  };

  useEffect(() => {
    if (refresh.n === 0) return;
    let live = true;
    for (const id of refresh.ids) {
      childrenOf(id, true)
        .then((items) => {
          if (!live) return;
          setNodes((ns) => attachChildren(ns, id, items.map(toNode)));
          setExpanded((e) => (e.includes(id) ? e : [...e, id]));
        })
        .catch((err: unknown) => live && reportError(err));
    }
    return () => {
      live = false;
    };
  }, [refresh, toNode, childrenOf, reportError]);

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
      <QueryError query={{ error: rootError, isError: !!rootError, refetch: () => setAttempt((a) => a + 1) }} compact />
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
      ) : rootError ? null : (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      )}
    </Card>
  );
}

interface RegionValues {
  id: string;
  parentId: string;
  level: Region['level'];
  name: string;
  townMode: 'empowered' | 'dispatched' | null;
  townKind: 'town' | 'street' | null;
  /** GeoJSON text (pasted or read from a file); empty: none on create, unchanged on edit. */
  boundary: string;
}

/** The parent a new region is being added under, and the code suggested for it. */
interface CreateContext {
  parent: Detail;
  level: 'town' | 'village' | 'grid';
  suggested: string | null;
}

const geometryOf = (text: string | undefined) => {
  const parsed = text?.trim() ? parseBoundary(text) : null;
  return parsed?.ok ? parsed.geometry : undefined;
};

export default function RegionsPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const reportError = useReportError();
  const { townName, query: townsQuery } = useTowns();
  const queryClient = useQueryClient();
  const [parentId, setParentId] = useState<string | null>(null);
  const query = useMemo(() => ({ parentId: parentId ?? undefined }), [parentId]);
  const list = useRef<EntityListHandle<Region, RegionValues>>(null);
  const [creating, setCreating] = useState<CreateContext | null>(null);
  // After a save: the tree reloads the affected nodes' children; the regions (the detail panel, the town names)
  // are invalidated by the list page, the map's shapes (the boundary preview) here.
  const [treeRefresh, setTreeRefresh] = useState<{ ids: string[]; n: number }>({ ids: [], n: 0 });

  const addChild = async (parent: Detail) => {
    if (parent.level === 'grid') return;
    const level = levelBelow(parent.level);
    let suggested: string | null = null;
    try {
      suggested = await nextChildCode(parent.id);
    } catch (err) {
      reportError(err);
    }
    setCreating({ parent, level, suggested });
    list.current?.openCreate({
      id: suggested ?? parent.id,
      parentId: parent.id,
      level,
      name: '',
      // A town must choose its mode (no default); other levels have none.
      townMode: level === 'town' ? undefined : null,
      townKind: null,
      boundary: '',
    });
  };

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

  const townModeSelect = (
    <Select
      placeholder={t('field.townMode')}
      options={[
        { value: 'empowered', label: t('townMode.empowered') },
        { value: 'dispatched', label: t('townMode.dispatched') },
      ]}
    />
  );

  // Regions come from the boundary data (seed/import) or are added under a parent selected in the tree; an edit
  // renames a region, sets a town's mode, or replaces the boundary.
  const form: EntityFormConfig<Region, RegionValues> = {
    noun: 'noun.region',
    width: 560,
    toValues: (r) => ({
      id: r.id,
      parentId: r.parentId ?? '',
      level: r.level,
      name: r.name,
      townMode: r.townMode,
      townKind: r.townKind,
      boundary: '',
    }),
    toBody: (v, mode) =>
      mode === 'create'
        ? {
            id: v.id?.trim(),
            parentId: v.parentId,
            level: v.level,
            name: v.name,
            townMode: v.level === 'town' ? (v.townMode ?? null) : null,
            townKind: v.level === 'town' ? (v.townKind ?? null) : null,
            boundary: geometryOf(v.boundary) ?? null,
          }
        : { name: v.name, townMode: v.townMode ?? undefined, boundary: geometryOf(v.boundary) },
    createSchema: regionCreate,
    patchSchema: regionPatch,
    afterSave: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [MAP_API] });
      if (saved?.parentId) setTreeRefresh((r) => ({ ids: [saved.parentId!], n: r.n + 1 }));
    },
    fields: ({ mode, record }) => {
      const ctx = mode === 'create' ? creating : null;
      const level = ctx ? ctx.level : record?.level;
      return (
        <>
          {record && (
            <div style={{ marginBottom: 16, color: '#595959' }}>
              {t('field.regionCode')}: <code>{record.id}</code> · {t(`level.${record.level}`)}
            </div>
          )}
          {ctx && (
            <>
              <div style={{ display: 'flex', gap: 12 }}>
                <Form.Item name="parentId" label={t('region.parent')} required style={{ flex: 1 }}>
                  <Input
                    readOnly
                    variant="filled"
                    prefix={<span style={{ color: '#595959' }}>{ctx.parent.name}</span>}
                  />
                </Form.Item>
                <Form.Item name="level" label={t('field.level')} required style={{ width: 160 }}>
                  <Select
                    disabled
                    options={(['town', 'village', 'grid'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))}
                  />
                </Form.Item>
              </div>
              <Form.Item
                name="id"
                label={t('field.regionCode')}
                rules={[{ required: true, message: t('common.required') }]}
                extra={ctx.suggested ? t('region.codeHint', { code: ctx.suggested }) : t('region.codeHintFull')}
              >
                <Input
                  maxLength={ctx.parent.id.length + 3}
                  inputMode="numeric"
                  data-testid="region-code"
                  style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
                />
              </Form.Item>
            </>
          )}
          <Form.Item name="name" label={t('field.name')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={60} data-testid="region-name" />
          </Form.Item>
          {level === 'town' && (
            <div style={{ display: 'flex', gap: 12 }}>
              <Form.Item
                name="townMode"
                label={t('field.townMode')}
                extra={t('region.townModeHint')}
                style={{ flex: 1 }}
                rules={ctx ? [{ required: true, message: t('common.required') }] : undefined}
              >
                {townModeSelect}
              </Form.Item>
              {ctx && (
                <Form.Item name="townKind" label={t('field.townKind')} style={{ width: 160 }}>
                  <Select
                    allowClear
                    options={(['town', 'street'] as const).map((k) => ({ value: k, label: t(`townKind.${k}`) }))}
                  />
                </Form.Item>
              )}
            </div>
          )}
          <Form.Item
            name="boundary"
            label={t('region.boundary')}
            rules={[{ validator: boundaryValidator(pick) }]}
            extra={
              <>
                {t('region.boundaryHint')}
                {/* A region has a centroid exactly when it has a boundary (the server derives one from the other). */}
                {record && <div>{t(record.centroid ? 'region.boundaryKeep' : 'region.boundaryNoneYet')}</div>}
              </>
            }
          >
            <BoundaryInput />
          </Form.Item>
        </>
      );
    },
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
      side={<RegionTree selected={parentId} onSelect={setParentId} refresh={treeRefresh} />}
      above={
        parentId && (
          <RegionDetail
            id={parentId}
            writable={can('org.write')}
            onNavigate={setParentId}
            onAddChild={addChild}
            onEdit={(region) => list.current?.openEdit(region)}
          />
        )
      }
      handle={list}
      lookups={[townsQuery]}
      filters={(values, set) => (
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('field.level')}
          aria-label={t('field.level')}
          value={values.level}
          onChange={(v: string | undefined) => set('level', v)}
          options={(['county', 'town', 'village', 'grid'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
      )}
      form={form}
    />
  );
}
