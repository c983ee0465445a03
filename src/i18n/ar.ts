import type { Catalogue } from './sv.js';

/**
 * Arabic, partial: it proves right-to-left layout. Any string missing here falls back to
 * English, string by string.
 */
export const ar: Partial<Catalogue> = {
  composerLabel: 'رسالة',
  composerHint: 'مفتاح الإدخال يرسل، و Shift+Enter يضيف سطرًا جديدًا.',
  send: 'إرسال',
  attach: 'إرفاق ملف',
  retry: 'حاول مرة أخرى',
  discard: 'حذف',
  stateSending: 'جارٍ الإرسال',
  stateQueued: 'في انتظار الاتصال',
  stateSent: 'تم الإرسال',
  stateRead: 'تمت القراءة',
  stateFailed: 'تعذّر الإرسال',
  you: 'أنت',
  clinic: 'العيادة',
  threadLabel: 'الرسائل',
  emptyThread: 'اكتب رسالتك أدناه وسترد العيادة في أقرب وقت ممكن.',
  statusNew: 'محادثة جديدة',
  statusWaitingForClinic: 'في انتظار رد العيادة',
  statusClosed: 'انتهت المحادثة',
};
