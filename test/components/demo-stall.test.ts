// Regression: on the mock demo the thread stopped updating after four failed sends, a retry and a
// booking / video offer from the clinic; a reload showed the messages. Played here as the demo
// plays it: the widget on a MemoryBackend, the failures injected from the "control panel".
import { expect } from '@open-wc/testing';
import { buttonByText, card, fast, log, mount, sendAndWait, typeAndSend, waitFor } from './conversation-helpers.js';

const states = (v: Parameters<typeof log>[0]) =>
  [...(log(v)?.querySelectorAll<HTMLElement>('li.mine') ?? [])].map((li) => li.dataset.state);

describe('the mock demo: failed sends, a retry, then the clinic offers a booking and a video meeting', () => {
  for (const kind of ['rejected', 'network'] as const) {
    it(`keeps the thread live (${kind} failures)`, async () => {
      const backend = fast({ latencyMs: 5 });
      const view = await mount(backend);
      try {
        await sendAndWait(view, 'Hej, jag har ont i ryggen.');
        await backend.clinicianSend('Hej! Berätta mer.');
        await waitFor(() => log(view)?.textContent?.includes('Berätta mer'), 4000, 'the first clinic reply');

        backend.setFailure(kind === 'rejected' ? 'rejected' : 'unavailable');
        for (const n of [1, 2, 3, 4]) {
          typeAndSend(view, `Misslyckat ${n}`);
          await waitFor(() => log(view)?.textContent?.includes(`Misslyckat ${n}`), 4000, `echo ${n}`);
        }
        if (kind === 'rejected') {
          await waitFor(() => states(view).filter((s) => s === 'failed').length === 4, 4000, 'four failed');
        }
        backend.setFailure(null);
        if (kind === 'rejected') {
          buttonByText(log(view), 'Försök igen')!.click();
          await waitFor(() => states(view).filter((s) => s === 'failed').length === 3, 4000, 'one retried');
        } else {
          window.dispatchEvent(new Event('online')); // the demo does this when the server is reachable again
        }
        await waitFor(() => states(view).filter((s) => s === 'sent' || s === 'read').length >= 2, 4000, 'the retried message sent');

        await backend.proposeSlots();
        await waitFor(() => card(view, 'vard-booking'), 4000, 'the booking offer in the thread');
        await backend.sendVideoLink();
        await waitFor(() => log(view)?.textContent?.includes('Anslut till videomötet'), 4000, 'the video link in the thread');
        await backend.clinicianSend('Välj gärna en tid.');
        await waitFor(() => log(view)?.textContent?.includes('Välj gärna en tid.'), 4000, 'a later clinic message');

        // every message the server has is in the thread the patient sees, in the server's order
        const [conversation] = await backend.listConversations();
        const serverTexts = (await backend.getMessages(conversation!.id)).messages.filter((m) => m.kind !== 'system').map((m) => m.text);
        const shown = log(view)!.textContent!;
        for (const text of serverTexts) expect(shown, text).to.contain(text);
      } finally {
        backend.dispose();
      }
    });
  }
});
