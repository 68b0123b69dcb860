import {
  formatMoney,
  type FineBasis,
  type ListType,
  type MatterSummary,
  type TownPower,
} from '@openenforce/domain/catalog';
import { Tag } from 'antd';
import type { CatalogKey, CatalogI18n } from './messages.ts';
import { useCatalogI18n } from './messages.ts';

const LIST_TYPE_COLORS: Record<ListType, string> = {
  comprehensive: 'blue',
  professional: 'purple',
  in_department: 'cyan',
};

export function ListTypeTag({ listType, short = false }: { listType: string; short?: boolean }) {
  const { tc } = useCatalogI18n();
  const known = listType in LIST_TYPE_COLORS;
  return (
    <Tag color={LIST_TYPE_COLORS[listType as ListType]} style={{ marginInlineEnd: 0 }} data-list-type={listType}>
      {known ? tc(`${short ? 'listTypeShort' : 'listType'}.${listType as ListType}`) : listType}
    </Tag>
  );
}

export function kindLabel(tc: CatalogI18n['tc'], kind: string): string {
  const key = `kind.${kind}` as CatalogKey;
  return ['penalty', 'inspection', 'coercive_measure', 'other'].includes(kind) ? tc(key) : kind;
}

const FLAG_COLORS = {
  firstViolationWaiver: 'green',
  lightViolationCommitment: 'gold',
  highFrequency: 'volcano',
} as const;
export type FlagName = keyof typeof FLAG_COLORS;
export const FLAG_NAMES = Object.keys(FLAG_COLORS) as FlagName[];

/** 首违不罚 / 告知承诺 / 高频 as tags; nothing when no flag is set. */
export function FlagTags({ flags }: { flags: Partial<Record<FlagName, boolean>> }) {
  const { tc } = useCatalogI18n();
  const on = FLAG_NAMES.filter((f) => flags[f]);
  if (on.length === 0) return null;
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      {on.map((f) => (
        <Tag key={f} color={FLAG_COLORS[f]} style={{ marginInlineEnd: 0 }} data-flag={f}>
          {tc(`flag.${f}`)}
        </Tag>
      ))}
    </span>
  );
}

export function StatusTag({ published, withdrawn }: Pick<MatterSummary, 'published' | 'withdrawn'>) {
  const { tc } = useCatalogI18n();
  if (withdrawn)
    return (
      <Tag color="red" style={{ marginInlineEnd: 0 }} data-status="withdrawn">
        {tc('status.withdrawn')}
      </Tag>
    );
  return published ? (
    <Tag color="success" style={{ marginInlineEnd: 0 }} data-status="published">
      {tc('status.published')}
    </Tag>
  ) : (
    <Tag style={{ marginInlineEnd: 0 }} data-status="unpublished">
      {tc('status.unpublished')}
    </Tag>
  );
}

const POWER_COLORS: Record<TownPower, string> = {
  empowered: 'blue',
  delegated: 'geekblue',
  extended: 'orange',
  none: 'default',
};

export function TownPowerTag({ power }: { power: TownPower }) {
  const { tc } = useCatalogI18n();
  return (
    <Tag color={POWER_COLORS[power]} style={{ marginInlineEnd: 0 }} data-power={power}>
      {tc(`power.${power}`)}
    </Tag>
  );
}

/** One fine basis in words: "50 元至500 元", "每平方米 100 元至1,000 元", "货值金额的 10 至 20 倍 …". */
export function basisText(i18n: CatalogI18n, basis: FineBasis): string {
  const { tc, lang } = i18n;
  const m = (fen: number) => formatMoney(fen, lang);
  switch (basis.kind) {
    case 'fixed':
      return tc('disc.summaryFixed', { min: m(basis.minFen), max: m(basis.maxFen) });
    case 'per_unit':
      return (
        tc('disc.summaryPerUnit', { unit: basis.unit, min: m(basis.rateMinFen), max: m(basis.rateMaxFen) }) +
        (basis.capFen !== null ? tc('disc.summaryCap', { cap: m(basis.capFen) }) : '')
      );
    case 'multiple': {
      const base = basis.baseLabel && lang === 'zh' ? basis.baseLabel : tc(`base.${basis.base}`);
      let s = tc('disc.summaryMultiple', { base, min: basis.minMultiple, max: basis.maxMultiple });
      if (basis.countBaseAtLeastFen !== null)
        s += tc('disc.summaryCountAtLeast', { amount: m(basis.countBaseAtLeastFen) });
      const fb = basis.fallback;
      if (fb)
        s +=
          fb.belowFen !== null
            ? tc('disc.summaryFallback', { base, below: m(fb.belowFen), min: m(fb.minFen), max: m(fb.maxFen) })
            : tc('disc.summaryFallbackAbsent', { base, min: m(fb.minFen), max: m(fb.maxFen) });
      return s;
    }
    case 'none':
      return tc('disc.summaryNone');
  }
}
