import { DOMAINS } from '@openenforce/domain/organization';
import type { ListType, MatterVersion, TownInput } from '@openenforce/domain/catalog';

/**
 * Coverage figures as the reform reports them (seed 002, Wenling: 1,536 of 5,113 items = 30.09 % comprehensive,
 * covering 70 % of domains): items and share per list type, the share of domains the comprehensive list reaches,
 * and empowered items per town. Withdrawn matters do not count.
 */
export function coverageOf(versions: readonly MatterVersion[], towns: readonly TownInput[]) {
  const live = versions.filter((v) => !v.withdrawn);
  const total = live.length;
  const byList: Record<ListType, number> = { comprehensive: 0, professional: 0, in_department: 0 };
  const domainsAll = new Set<string>();
  const domainsComprehensive = new Set<string>();
  const perDomain = new Map<string, { total: number; comprehensive: number }>();
  for (const v of live) {
    byList[v.listType] += 1;
    domainsAll.add(v.domain);
    const d = perDomain.get(v.domain) ?? { total: 0, comprehensive: 0 };
    d.total += 1;
    if (v.listType === 'comprehensive') {
      domainsComprehensive.add(v.domain);
      d.comprehensive += 1;
    }
    perDomain.set(v.domain, d);
  }
  const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 10_000) / 100);
  const powerOf = (v: MatterVersion, townId: string) => v.townPowers[townId] ?? v.defaultTownPower;
  return {
    total,
    byListType: (Object.keys(byList) as ListType[]).map((listType) => ({
      listType,
      items: byList[listType],
      sharePct: share(byList[listType], total),
    })),
    domains: {
      withMatters: domainsAll.size,
      coveredByComprehensive: domainsComprehensive.size,
      sharePct: share(domainsComprehensive.size, domainsAll.size),
      known: DOMAINS.length,
    },
    perDomain: [...perDomain.entries()].map(([domain, d]) => ({ domain, ...d })).sort((a, b) => b.total - a.total),
    towns: towns.map((t) => {
      const counts = { empowered: 0, delegated: 0, extended: 0 };
      for (const v of live) {
        const p = powerOf(v, t.id);
        if (p !== 'none') counts[p] += 1;
      }
      return { townId: t.id, name: t.name, townMode: t.townMode, ...counts };
    }),
  };
}
