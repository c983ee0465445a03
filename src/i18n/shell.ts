/**
 * The few strings the launcher and panel frame need before the rest of the widget has loaded.
 * Kept apart so the first download stays small; the full catalogues load with the panel.
 */
import { fillPlain, type Translate } from './locale.js';

export const shellSv = {
  launcher: 'Chatta med oss',
  launcherUnread: 'Chatta med oss. Olästa meddelanden: {count}',
  panelTitle: 'Chatt med {clinic}',
  defaultClinic: 'vården',
  close: 'Stäng chatten',
  loading: 'Laddar chatten …',
  unavailable: 'Chatten är inte tillgänglig just nu. Ring din mottagning om ärendet är brådskande.',
} as const;

export type ShellKey = keyof typeof shellSv;

export const shellEn: Record<ShellKey, string> = {
  launcher: 'Chat with us',
  launcherUnread: 'Chat with us. Unread messages: {count}',
  panelTitle: 'Chat with {clinic}',
  defaultClinic: 'the clinic',
  close: 'Close chat',
  loading: 'Loading the chat …',
  unavailable: 'The chat is not available right now. Call your clinic if the matter is urgent.',
};

/** Arabic (partial, proves right-to-left); missing strings fall back to English. */
export const shellAr: Partial<Record<ShellKey, string>> = {
  launcher: 'تحدث معنا',
  panelTitle: 'محادثة مع {clinic}',
  defaultClinic: 'العيادة',
  close: 'إغلاق المحادثة',
  loading: 'جارٍ تحميل المحادثة …',
};

/** Translator for the launcher and panel frame only. */
export function shellTranslator(locale: string): Translate<ShellKey> {
  const cat: Partial<Record<ShellKey, string>> = locale === 'en' ? shellEn : locale === 'ar' ? shellAr : shellSv;
  return (key, params) => fillPlain(cat[key] ?? shellEn[key], params);
}
