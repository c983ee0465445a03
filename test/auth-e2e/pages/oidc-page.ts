// The widget in browser OIDC mode against the test's oidc-provider (issuer set by the test).
import { MemoryBackend } from '../../../src/testing/index.js';
import '../../../src/define/vard-chat.js';

const issuer = (window as unknown as { __OIDC_ISSUER: string }).__OIDC_ISSUER;
const chat = document.createElement('vard-chat');
chat.locale = 'sv';
chat.clinicName = 'Vårdcentralen Test';
chat.backend = new MemoryBackend({ session: null, persistence: null, latencyMs: 0, autoReply: false });
chat.auth = { mode: 'oidc', issuer, clientId: 'vard-chat-test', allowInsecureHttp: true };
document.body.append(chat);
