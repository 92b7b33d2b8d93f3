/** The page language: Korean first for Korean browsers, switchable, remembered (it is not a secret). */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from '../api/types';
import { format, STRINGS, type StringKey } from './strings';

const STORAGE_KEY = 'innomatch.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ko' || saved === 'en') return saved;
  } catch {
    // storage blocked (private mode): fall back to the browser's language
  }
  const langs = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return langs[0]?.toLowerCase().startsWith('ko') === true ? 'ko' : 'en';
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered; the switch still works for this page
  }
  document.documentElement.lang = lang;
}

export type Translate = (key: StringKey, params?: Readonly<Record<string, string | number>>) => string;

export interface I18n {
  readonly lang: Lang;
  readonly t: Translate;
  readonly setLang: (lang: Lang) => void;
}

export function makeI18n(lang: Lang, setLang: (lang: Lang) => void): I18n {
  return { lang, setLang, t: (key, params) => format(STRINGS[lang][key], params) };
}

export const I18nContext = createContext<I18n>(makeI18n('en', () => undefined));
export const useI18n = (): I18n => useContext(I18nContext);
