import { useI18n, type Lang } from '../app/i18n.tsx';
import './lang-switch.css';

const LANGS: { value: Lang; label: string; htmlLang: string }[] = [
  { value: 'zh', label: '中文', htmlLang: 'zh-CN' },
  { value: 'en', label: 'EN', htmlLang: 'en' },
];

/**
 * 中文 / EN switch; the choice is stored in localStorage (`oe.lang`). Two toggle buttons (`aria-pressed`), each
 * marked with its own language, drawn like antd's small Segmented — which it replaced: every page shows this
 * switch, and antd's Segmented loads its tooltips and, through them, antd's form library. `onDark` draws it for a
 * dark header (light text), keeping 4.5:1 there.
 */
export function LangSwitch({ onDark = false }: { onDark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t('header.language')}
      className={onDark ? 'oe-lang oe-lang-dark' : 'oe-lang'}
      data-testid="lang-switch"
    >
      {LANGS.map((l) => (
        <button
          key={l.value}
          type="button"
          lang={l.htmlLang}
          aria-pressed={lang === l.value}
          className="oe-lang-item"
          onClick={() => setLang(l.value)}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}
