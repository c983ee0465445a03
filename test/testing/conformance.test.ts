// The adapter conformance suite against both our adapters: MemoryBackend in the page, and
// HttpBackend talking to the reference server over real HTTP.
import { runBackendConformance, type Offers } from '../../src/testing/conformance.js';
import { MemoryBackend } from '../../src/adapters/memory/memory-backend.js';
import { clinicianDriver, newPatientToken, patientBackend } from '../adapters/http/reference-server.js';

runBackendConformance('MemoryBackend', async () => {
  const backend = new MemoryBackend({ latencyMs: 0, persistence: null, autoReply: false });
  const anonymous = new MemoryBackend({ latencyMs: 0, persistence: null, session: null });
  return {
    backend,
    anonymous,
    clinician: {
      send: async (conversationId, text) => void (await backend.clinicianSend(text, { conversationId })),
      close: (conversationId) => backend.closeConversation(conversationId),
      async offer(conversationId, kind, offer) {
        if (kind === 'booking') await backend.proposeSlots(conversationId, (offer as Offers['booking']).slots);
        if (kind === 'callback') await backend.askCallback(conversationId, (offer as Offers['callback']).windows, (offer as Offers['callback']).phoneHint);
        if (kind === 'video') await backend.sendVideoLink(conversationId, { url: (offer as Offers['video']).url, start: (offer as Offers['video']).start ?? null });
        if (kind === 'questionnaire') await backend.sendQuestionnaire(conversationId, (offer as Offers['questionnaire']).questionnaire);
        if (kind === 'handover') await backend.handOver((offer as Offers['handover']).toQueue, (offer as Offers['handover']).to, conversationId);
        if (kind === 'evaluation') await backend.closeWithEvaluation(conversationId);
      },
    },
    dispose: () => {
      backend.dispose();
      anonymous.dispose();
    },
  };
});

runBackendConformance('HttpBackend + reference server', async () => ({
  backend: await patientBackend(await newPatientToken()),
  anonymous: await patientBackend(),
  otherPatient: await patientBackend(await newPatientToken('Annan Patient')),
  clinician: await clinicianDriver(),
}));
