/**
 * The few strings the launcher and panel frame need before the rest of the widget has loaded.
 * Kept apart so the first download stays small; the full catalogues load with the panel.
 */
import { fill, type Message, type Translate } from './locale.js';

export const shellSv = {
  launcher: 'Chatta med oss',
  launcherUnread: { one: 'Chatta med oss, {count} oläst meddelande', other: 'Chatta med oss, {count} olästa meddelanden' },
  panelTitle: 'Chatt med {clinic}',
  defaultClinic: 'vården',
  close: 'Stäng chatten',
  loading: 'Laddar chatten …',
  unavailable: 'Chatten är inte tillgänglig just nu. Ring din mottagning om ärendet är brådskande.',
} as const satisfies Record<string, Message>;

export type ShellKey = keyof typeof shellSv;

export const shellEn: Record<ShellKey, Message> = {
  launcher: 'Chat with us',
  launcherUnread: { one: 'Chat with us, {count} unread message', other: 'Chat with us, {count} unread messages' },
  panelTitle: 'Chat with {clinic}',
  defaultClinic: 'the clinic',
  close: 'Close chat',
  loading: 'Loading the chat …',
  unavailable: 'The chat is not available right now. Call your clinic if the matter is urgent.',
};

/** Arabic (partial, proves right-to-left); missing strings fall back to English. */
export const shellAr: Partial<Record<ShellKey, Message>> = {
  launcher: 'تحدث معنا',
  panelTitle: 'محادثة مع {clinic}',
  defaultClinic: 'العيادة',
  close: 'إغلاق المحادثة',
  loading: 'جارٍ تحميل المحادثة …',
};

/** Translator for the launcher and panel frame only. */
export function shellTranslator(locale: string): Translate<ShellKey> {
  const cat: Partial<Record<ShellKey, Message>> = locale === 'en' ? shellEn : locale === 'ar' ? shellAr : shellSv;
  return (key, params) => fill(cat[key] ?? shellEn[key], params, cat[key] ? locale : 'en');
}
