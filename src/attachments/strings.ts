/**
 * The attachment UI's words, in their own small catalogue so that they load with the attachment
 * chunk and not with the session (Swedish by default, English; other languages fall back to
 * English). Placeholders are filled as plain text.
 */
import type { PrepareProblem } from './prepare.js';

const sv = {
  remove: 'Ta bort',
  removeNamed: 'Ta bort {name}',
  chosen: 'Bifogade filer',
  imageFromYou: 'Bild från dig',
  imageFromClinic: 'Bild från vården',
  showLarger: 'Visa större bild: {alt}',
  close: 'Stäng',
  open: 'Öppna',
  openNamed: 'Öppna {name} ({size})',
  document: 'Dokument',
  waiting: 'Skickas när meddelandet skickas',
  unreadable: 'En fil som inte kan visas',
  'attachment-type': 'Filen {name} kan inte bifogas. Du kan skicka bilder (JPEG, PNG, WebP) och PDF-filer.',
  'attachment-too-large': 'Filen {name} är för stor. Den får vara högst 10 MB.',
  'attachment-empty': 'Filen {name} är tom.',
  'attachment-unreadable': 'Filen {name} gick inte att läsa. Prova att spara den igen eller välj en annan fil.',
  tooMany: 'Du kan bifoga högst {max} filer i ett meddelande.',
  preparing: 'Förbereder {name} …',
  filesTitle: 'Filer i chatten',
  filesLoading: 'Hämtar filerna …',
  filesFailed: 'Filerna kunde inte hämtas. Försök igen.',
  filesEmpty: 'Inga filer ännu.',
  retry: 'Försök igen',
  kindImage: 'Bild',
  kindPdf: 'PDF-dokument',
  fromYou: 'Från dig',
  fromClinic: 'Från vården',
  fromNamed: 'Från {name}',
};
export type AttachKey = keyof typeof sv;

const en: Record<AttachKey, string> = {
  remove: 'Remove',
  removeNamed: 'Remove {name}',
  chosen: 'Attached files',
  imageFromYou: 'Image from you',
  imageFromClinic: 'Image from the clinic',
  showLarger: 'Show larger image: {alt}',
  close: 'Close',
  open: 'Open',
  openNamed: 'Open {name} ({size})',
  document: 'Document',
  waiting: 'Sent with the message',
  unreadable: 'A file that cannot be shown',
  'attachment-type': 'The file {name} cannot be attached. You can send images (JPEG, PNG, WebP) and PDF files.',
  'attachment-too-large': 'The file {name} is too large. It may be at most 10 MB.',
  'attachment-empty': 'The file {name} is empty.',
  'attachment-unreadable': 'The file {name} could not be read. Try saving it again or choose another file.',
  tooMany: 'You can attach at most {max} files to one message.',
  preparing: 'Preparing {name} …',
  filesTitle: 'Files in this chat',
  filesLoading: 'Getting the files …',
  filesFailed: 'The files could not be loaded. Please try again.',
  filesEmpty: 'No files yet.',
  retry: 'Try again',
  kindImage: 'Image',
  kindPdf: 'PDF document',
  fromYou: 'From you',
  fromClinic: 'From the clinic',
  fromNamed: 'From {name}',
};

export type AttachT = (key: AttachKey, params?: Record<string, string | number>) => string;

export function attachTranslator(locale: string): AttachT {
  const cat = locale === 'sv' ? sv : en;
  return (key, params = {}) => cat[key].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export const problemKey = (p: PrepareProblem): AttachKey => p;

/**
 * "47 kB", "1,2 MB" in the reader's language, in the binary units the limits are set in (a file
 * of at most 10 MB never reads "10,5 MB"). One function for the widget and the console, so a
 * document shows the same size to the patient and to the clinic.
 */
export function formatSize(bytes: number, locale: string): string {
  const nf = (n: number, digits: number) => n.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${nf(Math.max(1, Math.round(bytes / 1024)), 0)} kB`;
  return `${nf(bytes / (1024 * 1024), 1)} MB`;
}
