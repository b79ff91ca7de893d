// Two languages, Simplified Chinese first. `t()` reads reactive state, so templates update on toggle.
import { zh, type MessageKey } from './zh';
import { en } from './en';

export type Lang = 'zh' | 'en';
export type { MessageKey };

const KEY = 'remotegpu.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

class I18n {
  lang = $state<Lang>(localStorage.getItem(KEY) === 'en' ? 'en' : 'zh');

  constructor() {
    this.apply();
  }

  set(lang: Lang): void {
    this.lang = lang;
    localStorage.setItem(KEY, lang);
    this.apply();
  }

  toggle(): void {
    this.set(this.lang === 'zh' ? 'en' : 'zh');
  }

  get locale(): string {
    return this.lang === 'zh' ? 'zh-CN' : 'en-US';
  }

  private apply(): void {
    document.documentElement.lang = this.locale;
  }
}

export const i18n = new I18n();

/** Look up a message; `{name}` placeholders are filled from params. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[i18n.lang][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
