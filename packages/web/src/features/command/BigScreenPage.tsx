import { STATUS_LABELS } from '@openenforce/domain/events';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useAuth } from '../../app/auth.tsx';
import { QueryRoot } from '../../app/query.tsx';
import { EChart, registerCharts } from '../../ui/EChart.tsx';
import { LangSwitch } from '../../ui/LangSwitch.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { categoryLabel, sourceLabel, STATUS_COLORS_ON_DARK } from '../events/labels.tsx';
import { useLiveEvents } from '../events/live.ts';
import { useEventsI18n } from '../events/messages.ts';
import { dashboardQuery, eventListQuery } from '../events/queries.ts';
import { useInterval } from '../events/stream.ts';
import { countyNameQuery } from '../organization/queries.ts';
import './bigscreen.css';
import { useDocumentTitle } from '../../app/title.ts';

registerCharts(GaugeChart, PieChart, BarChart, LineChart);

const TEXT = '#b8d3ff';
const AXIS = {
  axisLine: { lineStyle: { color: '#2b4a7a' } },
  axisLabel: { color: TEXT },
  splitLine: { lineStyle: { color: '#15305a' } },
};
const PALETTE = ['#2f9bff', '#00e0c6', '#ffc53d', '#ff7a45', '#b37feb', '#5cdbd3', '#ff85c0', '#95de64'];

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="oe-bs-panel" data-testid={testId}>
      <h2>{title}</h2>
      <div className="oe-bs-panel-body">{children}</div>
    </section>
  );
}

function Clock() {
  const [now, setNow] = useState(() => dayjs());
  useInterval(() => setNow(dayjs()), 1000);
  return <span className="oe-bs-clock">{now.format('YYYY-MM-DD HH:mm:ss')}</span>;
}

function useCountyName(): string | null {
  const { can, me } = useAuth();
  // Decoration of the title: without it the title reads without the county's name.
  const county = useQuery({ ...countyNameQuery, enabled: can('org.read') && !me?.scopeTownName });
  return me?.scopeTownName ?? county.data ?? null;
}

/** The events that were not on the ticker before (highlighted for a moment). */
function useFresh(ids: readonly string[] | undefined): ReadonlySet<string> {
  const known = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const key = ids?.join(',');
  useEffect(() => {
    if (!ids) return;
    const before = known.current;
    known.current = new Set(ids);
    setFresh(before ? new Set(ids.filter((id) => !before.has(id))) : new Set());
    // the ids' content is the dependency
  }, [key]);
  return fresh;
}

/**
 * 大屏 (SPEC §3): today's figures, the on-time rate, towns ranked, sources, categories, the 30-day trend, today by
 * hour and a ticker of the latest events. Designed for 1920×1080, dark, no app chrome. The live feed invalidates
 * the figures (at most every 3 s) and the ticker; both are read again every minute as well.
 */
export default function BigScreenPage() {
  return (
    <QueryRoot>
      <BigScreen />
    </QueryRoot>
  );
}

function BigScreen() {
  const { te, pick } = useEventsI18n();
  const county = useCountyName();
  useDocumentTitle(te('ev.big.title'));
  const live = useLiveEvents();
  const dashboard = useQuery({ ...dashboardQuery, refetchInterval: 60_000 });
  const latest = useQuery({ ...eventListQuery({ limit: 14 }), refetchInterval: 60_000 });
  const data = dashboard.data;
  const ticker = latest.data?.items ?? [];
  const fresh = useFresh(latest.data?.items.map((e) => e.id));

  useEffect(() => {
    document.body.classList.add('oe-bs-body');
    return () => document.body.classList.remove('oe-bs-body');
  }, []);

  const t = data?.today;
  const kpis: { key: string; label: string; value: number | undefined; tone?: string }[] = [
    { key: 'reported', label: te('ev.big.reported'), value: t?.reported },
    { key: 'dispatched', label: te('ev.big.dispatched'), value: t?.dispatched },
    { key: 'closed', label: te('ev.big.closed'), value: t?.closed, tone: 'green' },
    { key: 'open', label: te('ev.big.open'), value: t?.open },
    { key: 'warning', label: te('ev.big.warning'), value: t?.warning, tone: 'yellow' },
    { key: 'overdue', label: te('ev.big.overdue'), value: t?.overdue, tone: 'red' },
  ];
  const rate = data?.onTime.rate ?? null;
  // Every town is ranked (the county has 16; a bar chart of 6 px bars holds them), busiest at the top.
  const towns = [...(data?.byTown ?? [])].sort((a, b) => a.month - b.month);

  return (
    <div className="oe-bs" data-testid="bigscreen" data-ready={!!data}>
      <header className="oe-bs-header">
        <div className="oe-bs-live">
          <i className={live ? 'on' : ''} /> {live ? te('ev.live') : te('ev.polling')}
        </div>
        <h1>
          {county ?? ''}
          {te('ev.big.title')}
        </h1>
        <div className="oe-bs-right">
          <Clock />
          <LangSwitch />
        </div>
      </header>
      <main className="oe-bs-main">
        <div className="oe-bs-error">
          <QueryError queries={[dashboard, latest]} compact />
        </div>
        <div className="oe-bs-kpis" data-testid="bs-kpis">
          {kpis.map((k) => (
            <div key={k.key} className={`oe-bs-kpi ${k.tone ?? ''}`} data-kpi={k.key}>
              <div className="v">{k.value ?? '—'}</div>
              <div className="l">{k.label}</div>
            </div>
          ))}
        </div>
        <div className="oe-bs-grid">
          <div className="oe-bs-col">
            <Panel title={te('ev.big.onTime')} testId="bs-gauge">
              <EChart
                option={{
                  series: [
                    {
                      type: 'gauge',
                      min: 0,
                      max: 100,
                      radius: '90%',
                      center: ['50%', '54%'],
                      startAngle: 220,
                      endAngle: -40,
                      progress: { show: true, width: 18, roundCap: true, itemStyle: { color: '#00e0c6' } },
                      axisLine: { roundCap: true, lineStyle: { width: 18, color: [[1, '#15305a']] } },
                      axisTick: { show: false },
                      splitLine: { show: false },
                      axisLabel: { show: false },
                      pointer: { show: false },
                      title: { color: TEXT, fontSize: 14, offsetCenter: [0, '42%'] },
                      detail: {
                        color: '#fff',
                        fontSize: 40,
                        fontWeight: 700,
                        offsetCenter: [0, '0%'],
                        formatter: rate === null ? '—' : '{value}%',
                      },
                      data: [
                        {
                          value: rate === null ? 0 : Math.round(rate * 1000) / 10,
                          name: te('ev.big.onTimeOf', { n: data?.onTime.onTime ?? 0, total: data?.onTime.closed ?? 0 }),
                        },
                      ],
                    },
                  ],
                }}
              />
            </Panel>
            <Panel title={te('ev.big.bySource')} testId="bs-source">
              <EChart
                option={{
                  color: PALETTE,
                  tooltip: { trigger: 'item' },
                  legend: {
                    orient: 'vertical',
                    right: 4,
                    top: 'middle',
                    textStyle: { color: TEXT },
                    itemWidth: 10,
                    itemHeight: 10,
                  },
                  series: [
                    {
                      type: 'pie',
                      radius: ['45%', '72%'],
                      center: ['34%', '50%'],
                      label: { show: false },
                      data: (data?.bySource ?? []).map((s) => ({ name: sourceLabel(pick, s.source), value: s.count })),
                    },
                  ],
                }}
              />
            </Panel>
            <Panel title={te('ev.big.byCategory')} testId="bs-category">
              <EChart
                option={{
                  grid: { left: 8, right: 36, top: 6, bottom: 6, containLabel: true },
                  xAxis: { type: 'value', ...AXIS, splitLine: { show: false }, axisLabel: { show: false } },
                  yAxis: {
                    type: 'category',
                    ...AXIS,
                    inverse: true,
                    data: (data?.byCategory ?? []).slice(0, 7).map((c) => categoryLabel(pick, c.category)),
                  },
                  series: [
                    {
                      type: 'bar',
                      barWidth: 10,
                      itemStyle: { color: '#ffc53d', borderRadius: 5 },
                      label: { show: true, position: 'right', color: '#fff' },
                      data: (data?.byCategory ?? []).slice(0, 7).map((c) => c.count),
                    },
                  ],
                }}
              />
            </Panel>
          </div>
          <div className="oe-bs-col wide">
            <Panel title={te('ev.big.trend')} testId="bs-trend">
              <EChart
                option={{
                  color: ['#2f9bff', '#00e0c6'],
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0, right: 8, textStyle: { color: TEXT } },
                  grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
                  xAxis: { type: 'category', ...AXIS, data: (data?.trend ?? []).map((d) => d.day.slice(5)) },
                  yAxis: { type: 'value', ...AXIS, minInterval: 1 },
                  series: [
                    {
                      type: 'line',
                      name: te('ev.big.seriesReported'),
                      smooth: true,
                      areaStyle: { opacity: 0.18 },
                      data: (data?.trend ?? []).map((d) => d.reported),
                    },
                    {
                      type: 'line',
                      name: te('ev.big.seriesClosed'),
                      smooth: true,
                      areaStyle: { opacity: 0.12 },
                      data: (data?.trend ?? []).map((d) => d.closed),
                    },
                  ],
                }}
              />
            </Panel>
            <Panel title={te('ev.big.hourly')} testId="bs-hourly">
              <EChart
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
                  xAxis: {
                    type: 'category',
                    ...AXIS,
                    data: Array.from({ length: 24 }, (_, h) => `${h}`),
                  },
                  yAxis: { type: 'value', ...AXIS, minInterval: 1 },
                  series: [
                    {
                      type: 'bar',
                      name: te('ev.big.seriesReported'),
                      barWidth: '55%',
                      itemStyle: { color: '#2f9bff', borderRadius: [3, 3, 0, 0] },
                      data: Array.from({ length: 24 }, (_, h) => data?.hourly.find((x) => x.hour === h)?.reported ?? 0),
                    },
                  ],
                }}
              />
            </Panel>
          </div>
          <div className="oe-bs-col">
            <Panel title={te('ev.big.byTown')} testId="bs-towns">
              <EChart
                option={{
                  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                  legend: { top: 0, right: 8, textStyle: { color: TEXT }, itemWidth: 10, itemHeight: 10 },
                  grid: { left: 8, right: 40, top: 26, bottom: 4, containLabel: true },
                  xAxis: { type: 'value', ...AXIS, splitLine: { show: false }, axisLabel: { show: false } },
                  yAxis: { type: 'category', ...AXIS, data: towns.map((x) => x.townName) },
                  series: [
                    {
                      type: 'bar',
                      name: te('ev.big.seriesMonth'),
                      barWidth: 6,
                      itemStyle: { color: '#2f9bff', borderRadius: 4 },
                      label: { show: true, position: 'right', color: '#fff', fontSize: 11 },
                      data: towns.map((x) => x.month),
                    },
                    {
                      type: 'bar',
                      name: te('ev.big.seriesOverdue'),
                      barWidth: 6,
                      itemStyle: { color: '#ff4d4f', borderRadius: 4 },
                      data: towns.map((x) => x.overdue),
                    },
                  ],
                }}
              />
            </Panel>
            <Panel title={te('ev.big.ticker')} testId="bs-ticker">
              <ul className="oe-bs-ticker">
                {ticker.map((e) => (
                  <li key={e.id} className={fresh.has(e.id) ? 'fresh' : ''} data-event-id={e.id}>
                    <span className="time">{dayjs(e.reportedAt).format('HH:mm')}</span>
                    <span className="what">
                      {e.townName ?? ''} · {categoryLabel(pick, e.category)}
                    </span>
                    <span className="status" style={{ color: STATUS_COLORS_ON_DARK[e.status] }}>
                      {pick(STATUS_LABELS[e.status])}
                    </span>
                  </li>
                ))}
                {ticker.length === 0 && <li className="empty">{te('ev.big.noEvents')}</li>}
              </ul>
            </Panel>
          </div>
        </div>
      </main>
    </div>
  );
}
