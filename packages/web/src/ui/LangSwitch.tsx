import { Segmented } from 'antd';
import { useI18n, type Lang } from '../app/i18n.tsx';

/** 中文 / EN switch; the choice is stored in localStorage (`oe.lang`). */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      data-testid="lang-switch"
      aria-label={t('header.language')}
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
