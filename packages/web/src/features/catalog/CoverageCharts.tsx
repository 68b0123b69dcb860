import { BarChart, PieChart } from 'echarts/charts';
import { EChart, registerCharts } from '../../ui/EChart.tsx';
import { domainLabel } from '../organization/labels.tsx';
import { useCatalogI18n } from './messages.ts';
import type { Coverage } from './types.ts';

// Only the chart types used here are registered: this module is its own lazy chunk (CoveragePage imports it lazily).
registerCharts(PieChart, BarChart);

const LIST_COLORS = { comprehensive: '#1f4e99', professional: '#722ed1', in_department: '#13c2c2' } as const;

export function ListTypePie({ coverage }: { coverage: Coverage }) {
  const { tc } = useCatalogI18n();
  return (
    <EChart
      testId="chart-list-types"
      height={300}
      option={{
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            center: ['50%', '45%'],
            label: { formatter: '{b}\n{c}（{d}%）' },
            data: coverage.byListType.map((l) => ({
              name: tc(`listType.${l.listType}`),
              value: l.items,
              itemStyle: { color: LIST_COLORS[l.listType] },
            })),
          },
        ],
      }}
    />
  );
}

export function DomainBars({ coverage }: { coverage: Coverage }) {
  const { tc, lang } = useCatalogI18n();
  const rows = [...coverage.perDomain].reverse();
  return (
    <EChart
      testId="chart-domains"
      height={Math.max(260, rows.length * 28 + 60)}
      option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: rows.map((d) => domainLabel(d.domain, lang)) },
        series: [
          { name: tc('cov.allItems'), type: 'bar', data: rows.map((d) => d.total), itemStyle: { color: '#91caff' } },
          {
            name: tc('cov.comprehensive'),
            type: 'bar',
            data: rows.map((d) => d.comprehensive),
            itemStyle: { color: LIST_COLORS.comprehensive },
          },
        ],
      }}
    />
  );
}

export function TownBars({ coverage }: { coverage: Coverage }) {
  const { tc } = useCatalogI18n();
  const towns = coverage.towns;
  const series = (['empowered', 'delegated', 'extended'] as const).map((p, i) => ({
    name: tc(`power.${p}`),
    type: 'bar',
    stack: 'powers',
    data: towns.map((t) => t[p]),
    itemStyle: { color: ['#1677ff', '#2f54eb', '#fa8c16'][i] },
  }));
  return (
    <EChart
      testId="chart-towns"
      height={320}
      option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: towns.map((t) => t.name), axisLabel: { interval: 0, rotate: 40 } },
        yAxis: { type: 'value', name: tc('cov.items') },
        series,
      }}
    />
  );
}
