import type { ThemeConfig } from 'antd';

/**
 * The colours every page shares, chosen for contrast (WCAG 2.1 AA: 4.5:1 for text; GB/T 37668; the 适老化 rules).
 * Ant Design's defaults fail it: link blue #1677ff 4.1:1, secondary grey 3.4:1, placeholders 1.8:1, the text of
 * orange/gold/green/cyan/lime tags 2–3.4:1 on their tints. Each token below is at least 4.5:1 on white and on the
 * light page greys (#f0f2f5, #f3f5f8); fix a colour here, not in a page.
 */
export const COLORS = {
  primary: '#1f4e99', // 8.1:1 on white
  /** Secondary text (descriptions, hints, timestamps): #666, 5.7:1 on white, 5.1:1 on #f0f2f5. */
  textSecondary: 'rgba(0, 0, 0, 0.6)',
  /** Placeholders: #737373, 4.7:1 on white. */
  textPlaceholder: 'rgba(0, 0, 0, 0.55)',
  success: '#237804', // 5.6:1
  warning: '#8a5a00', // 5.9:1
  error: '#cf1322', // 5.6:1
} as const;

/**
 * The text colour of preset tags is the palette's 7th shade; these are the 8th or 9th where the 7th is too light
 * (each ≥ 5:1 on the tag's own tint).
 */
const TAG_TEXT_BY_PALETTE = {
  orange: '#ad4e00',
  gold: '#874d00',
  yellow: '#876800',
  green: '#237804',
  cyan: '#006d75',
  lime: '#3f6600',
  volcano: '#ad2102',
};
// Both spellings: antd keeps `cyan7` and `cyan-7` and emits one CSS variable (--ant-cyan-7) for the two, so setting
// only one of them may leave the default in force.
const TAG_TEXT = Object.fromEntries(
  Object.entries(TAG_TEXT_BY_PALETTE).flatMap(([palette, color]) => [
    [`${palette}7`, color],
    [`${palette}-7`, color],
  ]),
);

/** Theme: a sober government blue, compact spacing for back-office tables, and the contrast above. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: COLORS.primary,
    colorInfo: COLORS.primary,
    colorLink: COLORS.primary,
    colorSuccess: COLORS.success,
    colorWarning: COLORS.warning,
    colorError: COLORS.error,
    // The light tints of status tags and alerts, given outright: derived from the dark status colours above, antd's
    // tints come out grey (#adb8a5 behind green text, 2.7:1).
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorInfoBg: '#eef3fb',
    colorInfoBorder: '#b5c8e8',
    colorTextTertiary: COLORS.textSecondary,
    colorTextDescription: COLORS.textSecondary,
    colorTextPlaceholder: COLORS.textPlaceholder,
    borderRadius: 4,
    fontSize: 14,
    ...TAG_TEXT,
  },
  components: {
    Layout: { siderBg: '#0f2548', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { darkItemBg: '#0f2548', darkSubMenuItemBg: '#0a1b36', darkItemSelectedBg: '#1f4e99' },
    Table: { cellPaddingBlockSM: 6 },
  },
};
