import {
  bandOf,
  CIRCUMSTANCES,
  PARTY_TYPES,
  TIERS,
  type DiscretionBenchmark,
  type TierRule,
} from '@openenforce/domain/catalog';
import { Descriptions, Empty, Table, Tag } from 'antd';
import { basisText } from './labels.tsx';
import { useCatalogI18n } from './messages.ts';
import { COLORS } from '../../app/theme.ts';

/** The discretion benchmark of a matter version, read-only: fines per tier and party, bands, split and source. */
export function DiscretionSummary({ discretion }: { discretion: DiscretionBenchmark | null }) {
  const i18n = useCatalogI18n();
  const { tc } = i18n;
  if (!discretion) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tc('disc.none')} />;
  const rows = TIERS.flatMap((tier) => {
    const rule: TierRule | null = discretion.tiers[tier];
    return rule ? [{ tier, rule }] : [];
  });
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="discretion-summary">
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="tier"
        dataSource={rows}
        columns={[
          {
            key: 'tier',
            title: tc('calc.tier'),
            width: 200,
            render: (_: unknown, r) => (
              <span>
                {tc(`disc.tier.${r.tier}`)}
                {r.rule.label && <div style={{ color: COLORS.textSecondary, fontSize: 12 }}>{r.rule.label}</div>}
                {r.rule.discretionary && (
                  <Tag style={{ marginTop: 4 }} color="default">
                    {tc('disc.discretionaryShort')}
                  </Tag>
                )}
              </span>
            ),
          },
          ...PARTY_TYPES.map((p) => ({
            key: p,
            title: tc(`disc.party.${p}`),
            render: (_: unknown, r: { rule: TierRule }) => basisText(i18n, r.rule[p]),
          })),
        ]}
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          ...CIRCUMSTANCES.map((c) => {
            const b = bandOf(discretion, c);
            return { key: c, label: tc(`circ.${c}`), children: `${b.fromPct}% – ${b.toPct}%` };
          }),
          { key: 'split', label: tc('disc.splitPct'), children: `${discretion.splitPct}%` },
          { key: 'floor', label: tc('disc.reducedFloorPct'), children: `${discretion.reducedFloorPct}%` },
          {
            key: 'strict',
            label: tc('disc.strictLiability'),
            children: discretion.strictLiability ? i18n.t('common.yes') : i18n.t('common.no'),
          },
          { key: 'source', label: tc('disc.source'), children: discretion.source ?? '—' },
        ]}
      />
    </div>
  );
}
