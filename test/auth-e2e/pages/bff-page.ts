// The widget in BFF mode: the session comes from the test backend's HttpOnly cookie. The chat
// itself runs on a MemoryBackend; only the session and logout go to the test backend.
import { BackendError, type ChatBackend, type PatientSession } from '../../../src/index.js';
import { MemoryBackend } from '../../../src/testing/index.js';
import '../../../src/define/vard-chat.js';

const chatPart = new MemoryBackend({ persistence: null, latencyMs: 0, autoReply: false });
const backend: ChatBackend = Object.assign(Object.create(chatPart) as ChatBackend, {
  async getSession(): Promise<PatientSession | null> {
    const res = await fetch('/bff/session', { credentials: 'same-origin' });
    if (res.status === 401) return null;
    if (!res.ok) throw new BackendError('unavailable');
    return (await res.json()) as PatientSession;
  },
  async logout(): Promise<void> {
    const res = await fetch('/bff/logout', { method: 'POST', credentials: 'same-origin' });
    if (!res.ok) throw new BackendError('unavailable');
  },
});

const chat = document.createElement('vard-chat');
chat.locale = 'sv';
chat.clinicName = 'Vårdcentralen Test';
chat.backend = backend;
chat.auth = { mode: 'bff', loginUrl: '/bff/login' };
const minutes = new URL(location.href).searchParams.get('minutes');
if (minutes) chat.inactivityMinutes = Number(minutes);
document.body.append(chat);
