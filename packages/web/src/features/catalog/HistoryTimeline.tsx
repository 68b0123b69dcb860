import { formatMoney, type FieldChange, type FineBasis } from '@openenforce/domain/catalog';
import { useQuery } from '@tanstack/react-query';
import { Empty, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { QueryError } from '../../ui/QueryError.tsx';
import { domainLabel } from '../organization/labels.tsx';
import { basisText, kindLabel } from './labels.tsx';
import { useCatalogI18n, type CatalogI18n, type CatalogKey } from './messages.ts';
import { historyQuery } from './queries.ts';
import { COLORS } from '../../app/theme.ts';

/** Path segments with a label of their own; town ids become town names, others stay as they are. */
const SEGMENTS: Record<string, CatalogKey> = {
  code: 'field.matterCode',
  name: 'field.matterName',
  kind: 'field.kind',
  domain: 'field.domain',
  listType: 'field.listType',
  sourceDepartment: 'field.sourceDepartment',
  transferScope: 'field.transferScope',
  responsibilityBoundary: 'field.responsibilityBoundary',
  legalBasis: 'field.legalBasis',
  penaltyBasis: 'field.penaltyBasis',
  law: 'field.law',
  article: 'field.article',
  text: 'field.lawText',
  defaultTownPower: 'field.defaultTownPower',
  townPowers: 'field.townPowers',
  delegatingAgency: 'field.delegatingAgency',
  professionalTeam: 'field.professionalTeam',
  department: 'field.department',
  flags: 'field.flags',
  firstViolationWaiver: 'flag.firstViolationWaiver',
  lightViolationCommitment: 'flag.lightViolationCommitment',
  highFrequency: 'flag.highFrequency',
  published: 'field.published',
  withdrawn: 'field.withdrawn',
  discretion: 'field.discretion',
  effectiveFrom: 'field.effectiveFrom',
  announcement: 'field.announcement',
  first: 'disc.tier.first',
  failure_to_correct: 'disc.tier.failure_to_correct',
  serious: 'disc.tier.serious',
  individual: 'disc.party.individual',
  organisation: 'disc.party.organisation',
  bands: 'disc.bands',
  minor: 'circ.minor',
  ordinary: 'circ.ordinary',
  grave: 'circ.grave',
  splitPct: 'disc.splitPct',
  reducedFloorPct: 'disc.reducedFloorPct',
  strictLiability: 'disc.strictLiability',
  source: 'disc.source',
  discretionary: 'disc.discretionaryShort',
  label: 'disc.tierLabel',
  minFen: 'disc.min',
  maxFen: 'disc.max',
  rateMinFen: 'disc.rateMin',
  rateMaxFen: 'disc.rateMax',
  capFen: 'disc.cap',
  unit: 'disc.unit',
  base: 'disc.base',
  baseLabel: 'disc.baseLabel',
  minMultiple: 'disc.minMultiple',
  maxMultiple: 'disc.maxMultiple',
  fallback: 'disc.fallback',
  belowFen: 'disc.fallbackBelow',
  countBaseAtLeastFen: 'disc.countBaseAtLeast',
  fromPct: 'disc.from',
  toPct: 'disc.to',
};

export function fieldLabel(i18n: CatalogI18n, field: string, townName: (id: string) => string): string {
  return field
    .split('.')
    .map((s, i, all) => {
      // `serious` is a tier under `tiers` and a circumstance under `bands`.
      if (s === 'serious' && all[i - 1] === 'bands') return i18n.tc('circ.serious');
      if (s === 'tiers') return null;
      if (/^\d{9}$/.test(s)) return townName(s);
      const key = SEGMENTS[s];
      return key ? i18n.tc(key) : s;
    })
    .filter((s): s is string => s !== null)
    .join(' · ');
}

function isBasis(v: unknown): v is FineBasis {
  return typeof v === 'object' && v !== null && 'kind' in v && typeof (v as { kind: unknown }).kind === 'string';
}

function ValueCell({ field, value, townName }: { field: string; value: unknown; townName: (id: string) => string }) {
  const i18n = useCatalogI18n();
  const { tc, t, lang } = i18n;
  const last = field.split('.').at(-1) ?? field;
  const top = field.split('.')[0];
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">{tc('hist.empty')}</Typography.Text>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'number' && last.endsWith('Fen')) return <>{formatMoney(value, lang)}</>;
  if (typeof value === 'string') {
    if (top === 'townPowers' || last === 'defaultTownPower')
      return (
        <>{['empowered', 'delegated', 'extended', 'none'].includes(value) ? tc(`power.${value as 'none'}`) : value}</>
      );
    if (last === 'listType' && ['comprehensive', 'professional', 'in_department'].includes(value))
      return <>{tc(`listType.${value as 'comprehensive'}`)}</>;
    if (last === 'kind' && top === 'kind') return <>{kindLabel(tc, value)}</>;
    if (last === 'domain') return <>{domainLabel(value, lang)}</>;
    if (last === 'transferScope') return <>{tc(value === 'part' ? 'transfer.part' : 'transfer.all')}</>;
    return (
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
        {value}
      </Typography.Paragraph>
    );
  }
  if (isBasis(value) && ['fixed', 'per_unit', 'multiple', 'none'].includes(value.kind))
    return <>{basisText(i18n, value)}</>;
  if (top === 'townPowers' && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, string>);
    return <>{entries.map(([id, p]) => `${townName(id)}: ${tc(`power.${p as 'none'}`)}`).join('；') || '—'}</>;
  }
  return (
    <Typography.Text code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
      {JSON.stringify(value)}
    </Typography.Text>
  );
}

/** Every version, newest first, with the fields it changed against the one before (GET …/history). */
export function HistoryTimeline({ matterId, townName }: { matterId: string; townName: (id: string) => string }) {
  const i18n = useCatalogI18n();
  const { tc } = i18n;
  // Invalidated with the matter when a version is added (useCatalogChanged).
  const query = useQuery(historyQuery(matterId));
  const data = query.data;

  if (!data) return query.isError ? <QueryError query={query} /> : <Spin />;
  if (data.versions.length === 0) return <Empty />;
  const versions = [...data.versions].reverse();
  return (
    <div data-testid="history-timeline">
      <Timeline
        items={versions.map((v) => {
          // effectiveFrom and announcement are in the title already.
          const changes = v.changes.filter((c) => c.field !== 'effectiveFrom' && c.field !== 'announcement');
          return {
            key: v.version,
            color: v.version === versions[0]!.version ? 'blue' : 'gray',
            content: (
              <div style={{ paddingBottom: 8 }}>
                <div data-testid={`history-version-${v.version}`}>
                  <Tag color={v.version === versions[0]!.version ? 'blue' : 'default'}>v{v.version}</Tag>
                  <Typography.Text strong>{v.effectiveFrom}</Typography.Text>
                  <Typography.Text style={{ marginInlineStart: 12 }}>{v.announcement}</Typography.Text>
                </div>
                {v.version === 1 ? (
                  <div style={{ color: COLORS.textSecondary }}>{tc('hist.created')}</div>
                ) : changes.length === 0 ? (
                  <div style={{ color: COLORS.textSecondary }}>{tc('hist.noChanges')}</div>
                ) : (
                  <Table<FieldChange>
                    size="small"
                    bordered
                    pagination={false}
                    style={{ marginTop: 8, maxWidth: 1000 }}
                    tableLayout="fixed"
                    rowKey="field"
                    dataSource={changes}
                    data-testid={`history-changes-${v.version}`}
                    columns={[
                      {
                        dataIndex: 'field',
                        title: tc('hist.field'),
                        width: 240,
                        render: (f: string) => <span data-field={f}>{fieldLabel(i18n, f, townName)}</span>,
                      },
                      {
                        dataIndex: 'before',
                        title: tc('hist.before'),
                        render: (val: unknown, c) => (
                          <span style={{ color: '#a8071a' }}>
                            <ValueCell field={c.field} value={val} townName={townName} />
                          </span>
                        ),
                      },
                      {
                        dataIndex: 'after',
                        title: tc('hist.after'),
                        render: (val: unknown, c) => (
                          <span style={{ color: '#237804' }}>
                            <ValueCell field={c.field} value={val} townName={townName} />
                          </span>
                        ),
                      },
                    ]}
                  />
                )}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
