import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, zh, type MessageKey } from './messages.ts';

/**
 * A tiny typed dictionary instead of an i18n library: two languages, keys checked by the compiler
 * (messages.ts: `en` must have every key of `zh`). Default zh-CN; the choice is kept in localStorage (`oe.lang`).
 */
export type Lang = 'zh' | 'en';
export type Bilingual = { zh: string; en: string };
export type { MessageKey };

export const LANG_STORAGE_KEY = 'oe.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };
/** Texts of lazily loaded features (registerMessages), kept out of the first-load bundle. */
const extra: Record<Lang, Record<string, string>> = { zh: {}, en: {} };

/**
 * Adds the dictionary of a lazily loaded feature (e.g. the catalog's texts and rule ids) so that `t`, `isMessageKey`
 * and the error display find them. Call it at module level in the feature, before its first render.
 */
export function registerMessages<K extends string>(zhTexts: Record<K, string>, enTexts: Record<K, string>): void {
  Object.assign(extra.zh, zhTexts);
  Object.assign(extra.en, enTexts);
}

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Replaces `{name}` placeholders. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** Picks the current language from a `{zh, en}` pair (role labels, server error messages). */
  pick: (text: Bilingual) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = dictionaries[lang]['app.title'];
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    return {
      lang,
      setLang,
      t: (key, vars) => format(dict[key] ?? extra[lang][key] ?? key, vars),
      pick: (text) => text[lang],
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** Whether a string is a key of the dictionary (used to translate rule ids that come from zod or the server). */
export function isMessageKey(key: string): key is MessageKey {
  return key in zh || key in extra.zh;
}
