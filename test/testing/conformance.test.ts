// The adapter conformance suite against both our adapters: MemoryBackend in the page, and
// HttpBackend talking to the reference server over real HTTP.
import { runBackendConformance } from '../../src/testing/conformance.js';
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
