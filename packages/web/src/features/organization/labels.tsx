import { DOMAINS, type CertificateStatus } from '@openenforce/domain/organization';
import { Tag, Tooltip } from 'antd';
import { useI18n, type Lang } from '../../app/i18n.tsx';

/** Enforcement domains are Chinese codes in the data; English names for the English UI. */
const DOMAIN_EN: Record<(typeof DOMAINS)[number], string> = {
  城市管理: 'Urban management',
  市场监管: 'Market regulation',
  生态环境: 'Ecology & environment',
  交通运输: 'Transport',
  文化市场: 'Cultural market',
  农业: 'Agriculture',
  自然资源: 'Natural resources',
  应急管理: 'Emergency management',
  卫生健康: 'Health',
  住房建设: 'Housing & construction',
  水利: 'Water resources',
  城乡规划: 'Urban & rural planning',
  林业: 'Forestry',
  档案: 'Archives',
  人防: 'Civil air defence',
  民政: 'Civil affairs',
  消防救援: 'Fire & rescue',
  广电: 'Radio & television',
  民宗: 'Ethnic & religious affairs',
};

export function domainLabel(domain: string, lang: Lang): string {
  return lang === 'en' ? (DOMAIN_EN[domain as keyof typeof DOMAIN_EN] ?? domain) : domain;
}

export function useDomainOptions() {
  const { lang } = useI18n();
  return DOMAINS.map((d) => ({ value: d, label: domainLabel(d, lang) }));
}

/** Up to `max` domain tags, then "+N" with the full list in a tooltip (keeps table rows one line high). */
export function DomainTags({ domains, max = 3 }: { domains: readonly string[]; max?: number }) {
  const { lang } = useI18n();
  const shown = domains.length > max ? domains.slice(0, max - 1) : domains;
  const rest = domains.length - shown.length;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'nowrap', gap: 4 }}>
      {shown.map((d) => (
        <Tag key={d} style={{ marginInlineEnd: 0 }}>
          {domainLabel(d, lang)}
        </Tag>
      ))}
      {rest > 0 && (
        <Tooltip title={domains.map((d) => domainLabel(d, lang)).join('、')}>
          <Tag style={{ marginInlineEnd: 0, cursor: 'default' }}>+{rest}</Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** Town mode colours, shared by tags and the map legend. */
export const TOWN_MODE_COLORS = { empowered: '#1677ff', dispatched: '#fa8c16' } as const;

export function TownModeTag({ mode }: { mode: 'empowered' | 'dispatched' | null | undefined }) {
  const { t } = useI18n();
  if (!mode) return null;
  return (
    <Tag color={mode === 'empowered' ? 'blue' : 'orange'} style={{ marginInlineEnd: 0 }}>
      {t(`townMode.${mode}`)}
    </Tag>
  );
}

const STATUS_COLORS: Record<CertificateStatus, string> = {
  valid: 'success',
  expiring: 'warning',
  expired: 'error',
  not_yet_valid: 'default',
};

export function CertStatusTag({ status }: { status: CertificateStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {t(`certStatus.${status}`)}
    </Tag>
  );
}

export function YesNo({ value }: { value: boolean }) {
  const { t } = useI18n();
  return value ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>;
}
