import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { CSSProperties } from 'react';

/*
 * The one ECharts wrapper of the app. ECharts is large: only `echarts/core`, the canvas renderer and the
 * components every chart here uses are imported, and each chart type is registered by the module that draws it
 * (`registerCharts(BarChart)` with the type imported from 'echarts/charts'), so a chunk carries only its own types.
 * Import this module only from lazily loaded chunks.
 */
echarts.use([AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Extension = Exclude<Parameters<typeof echarts.use>[0], unknown[]>;

/** Registers chart types (from 'echarts/charts') once, at module level of the module that uses them. */
export function registerCharts(...types: Extension[]): void {
  echarts.use(types);
}

/**
 * The page's own sans-serif fonts for the canvas: ECharts' default family resolves to a serif face in English on some
 * systems (no Latin font mapped to the generic name), and Chinese text then falls back glyph by glyph.
 */
const SANS =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Noto Sans CJK SC', " +
  "'PingFang SC', 'Microsoft YaHei', sans-serif";

/**
 * A chart from an ECharts option (each render replaces the option: `notMerge`). Every chart has a text alternative:
 * ECharts' aria module marks the chart `role="img"` and describes its series and data in its `aria-label`.
 */
export function EChart({
  option,
  height = '100%',
  style,
  testId,
}: {
  option: echarts.EChartsCoreOption;
  height?: number | string;
  style?: CSSProperties;
  testId?: string;
}) {
  return (
    <div data-testid={testId} style={{ height, ...style }}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ aria: { enabled: true }, textStyle: { fontFamily: SANS }, ...option }}
        style={{ height: '100%', width: '100%' }}
        notMerge
        lazyUpdate
      />
    </div>
  );
}
