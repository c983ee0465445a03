#!/usr/bin/env node
// `npm run check:protocol`: builds docs/openapi.yaml (OpenAPI 3.1) from the protocol schemas
// (src/protocol/: PATIENT_ROUTES, the valibot schemas, KIND_EXAMPLES), validates it with an
// OpenAPI parser, and fails when the committed file differs. `--write` regenerates the file.
// `--protocol <dir>` and `--file <path>` point elsewhere (the test that shows it can fail).
import { build } from 'esbuild';
import { toJsonSchemaDefs } from '@valibot/to-json-schema';
import { validate, compileErrors } from '@readme/openapi-parser';
import { stringify } from 'yaml';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Loads the protocol module (TypeScript) through esbuild, valibot bundled in. */
export async function loadProtocol(dir = join(root, 'src/protocol')) {
  const out = mkdtempSync(join(tmpdir(), 'vard-protocol-'));
  try {
    const file = join(out, 'protocol.mjs');
    await build({
      stdin: { contents: "export * from './index.ts'; export * from './examples.ts'; export * from './notifications.ts';", resolveDir: dir, loader: 'ts' },
      bundle: true, format: 'esm', platform: 'neutral', outfile: file, logLevel: 'silent',
      mainFields: ['module', 'main'], nodePaths: [join(root, 'node_modules')],
    });
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const ERROR_TEXT = {
  400: 'Malformed JSON (invalid-json) or a missing or wrong field (invalid-request).',
  401: 'No valid session (no-session).',
  404: "Not found, or not this patient's (not-found; the two are indistinguishable).",
  409: 'A conflict: client-id-conflict (same clientId, another text), conversation-closed, already-answered; for files attachment-conflict (other bytes at the same place), message-sent (the message is sent already), attachments-missing (the message names files not uploaded).',
  410: 'The one-time code expired or its tries are used up (code-expired): ask for a new one.',
  413: 'The body is over 64 KB (body-too-large), or a file over 10 MB (attachment-too-large).',
  415: 'The body is not application/json, or a file is not one of the allowed types (unsupported-media-type).',
  422: 'The text breaks a rule (message-too-long, message-empty), or a file does (attachment-invalid: the bytes are not what the type says; attachment-rejected: the scanner refused it; too-many-attachments); notifications: channel-unavailable, invalid-address, push-endpoint-not-allowed, wrong-code.',
  429: 'Too many requests (rate-limited, too-many-streams); wait Retry-After seconds.',
  502: 'The one-time code could not be sent on the channel (send-failed); try again later.',
};

/** The reference server's own login routes: redirects on the server's root, no JSON bodies. */
const AUTH_PATHS = {
  '/auth/login': {
    servers: [{ url: 'http://localhost:8787' }],
    get: {
      operationId: 'login', security: [],
      summary: 'BFF login. Redirects to the identity provider (OIDC code + PKCE); the callback sets the session cookie.',
      parameters: [
        { name: 'method', in: 'query', required: true, schema: { type: 'string', enum: ['bankid', 'freja'] } },
        { name: 'return_to', in: 'query', required: false, schema: { type: 'string' }, description: 'Where to go after login (the widget sends this): this origin or an allowed same-site origin.' },
        { name: 'return', in: 'query', required: false, schema: { type: 'string' }, description: 'The same as return_to, for plain links; return_to wins.' },
      ],
      responses: { 302: { description: 'To the identity provider; sets a short-lived vc_login cookie (state).' }, 400: { $ref: '#/components/responses/Error400' } },
    },
  },
  '/auth/callback': {
    servers: [{ url: 'http://localhost:8787' }],
    get: {
      operationId: 'loginCallback', security: [],
      summary: "The OIDC redirect URI. Checks state (cookie-bound), PKCE and the ID token's nonce, sets vc_session and redirects to the return address.",
      parameters: [
        { name: 'code', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'state', in: 'query', required: true, schema: { type: 'string' } },
      ],
      responses: { 302: { description: 'Logged in; back to the return address.' }, 400: { $ref: '#/components/responses/Error400' }, 401: { $ref: '#/components/responses/Error401' } },
    },
  },
  '/auth/logout': {
    servers: [{ url: 'http://localhost:8787' }],
    post: { operationId: 'logout', summary: 'Ends the session and clears the cookie (POST only: there is no GET logout).', responses: { 204: { description: 'Logged out.' } } },
  },
};

/** A custom check carries its description (the second argument of v.check); `finite` is JSON's own rule. */
function overrideAction({ valibotAction, jsonSchema }) {
  if (valibotAction.type === 'check') return { ...jsonSchema, description: [jsonSchema.description, `Must be ${valibotAction.message}.`].filter(Boolean).join(' ') };
  if (valibotAction.type === 'finite') return jsonSchema;
  return undefined;
}

const pascal = (s) => s.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

/** The OpenAPI document, as a plain object in a stable order. */
export function buildDocument(p) {
  // every named schema becomes a component; the ones used inside others are referenced by name
  const named = {
    Error: p.ErrorBody, Author: p.Author, PatientSession: p.PatientSession, Conversation: p.Conversation,
    ConversationSummary: p.ConversationSummary, ConversationList: p.ConversationList, Message: p.Message, MessagePage: p.MessagePage,
    BackendEvent: p.BackendEvent, Questionnaire: p.Questionnaire, QuestionnaireItem: p.QuestionnaireItem,
    QuestionnaireResponse: p.QuestionnaireResponse, QuestionnaireResponseItem: p.QuestionnaireResponseItem,
    QuestionnaireResponseAnswer: p.QuestionnaireResponseAnswer, Coding: p.Coding,
    StartConversationBody: p.StartConversationBody, SendMessageBody: p.SendMessageBody, ReadBody: p.ReadBody,
    TypingBody: p.TypingBody, ActionBody: p.ActionBody, EvaluationBody: p.EvaluationBody,
    ActionAnswer: p.ActionAnswer, BookingSlot: p.BookingSlot, CallbackWindow: p.CallbackWindow,
    AttachmentRef: p.AttachmentRef,
    NotificationSettings: p.NotificationSettings, NotifyChannelSetting: p.NotifyChannelSetting, NotifySetBody: p.NotifySetBody,
    NotifyConfirmBody: p.NotifyConfirmBody, PushSubscription: p.PushSubscription,
  };
  for (const [kind, schema] of Object.entries(p.KIND_PAYLOADS)) named[`${pascal(kind)}Payload`] = schema;
  for (const [kind, schema] of Object.entries(p.KIND_ANSWERS)) if (!Object.values(named).includes(schema)) named[`${pascal(kind)}Answer`] = schema;
  const schemas = toJsonSchemaDefs(named, {
    target: 'draft-2020-12',
    errorMode: 'throw',
    overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
    // a custom check carries its description (the second argument of v.check)
    overrideAction,
  });
  const ref = (schema) => {
    const name = Object.keys(named).find((k) => named[k] === schema);
    return name ? { $ref: `#/components/schemas/${name}` } : toJsonSchemaDefs({ X: schema }, { target: 'draft-2020-12', errorMode: 'throw', overrideAction }).X;
  };

  // the examples: one whole message of every kind, and the patient's answer where it expects one
  const examples = {};
  const messageExamples = {};
  const answerExamples = {};
  const evaluationExamples = {};
  for (const [label, ex] of Object.entries(p.KIND_EXAMPLES)) {
    const key = pascal(label);
    examples[`${key}Message`] = { summary: `A ${label} message`, value: ex.message };
    messageExamples[`${key}Message`] = { $ref: `#/components/examples/${key}Message` };
    const answers = ex.answer ? [ex.answer.body, ...(ex.otherAnswers ?? [])] : [];
    answers.forEach((body, i) => {
      const name = `${key}Answer${i ? i + 1 : ''}`;
      examples[name] = { summary: `The patient's answer to a ${label} message${i ? ` (another valid answer)` : ''}`, ...(i === 0 && ex.answer ? { description: `POST ${ex.answer.path}` } : {}), value: body };
      (ex.message.kind === 'evaluation' ? evaluationExamples : answerExamples)[name] = { $ref: `#/components/examples/${name}` };
    });
  }
  const kindTable = Object.keys(p.KIND_PAYLOADS).map((k) => `\`${k}\`: ${pascal(k)}Payload`).join('; ');
  // the message schema leaves each file unknown (the widget checks one where it shows it, with
  // parseAttachment); on the wire each is an AttachmentRef, and the document says so
  const messageProps = { ...schemas.Message.properties, attachments: { ...schemas.Message.properties.attachments, items: { $ref: '#/components/schemas/AttachmentRef' } } };
  schemas.Message = { ...schemas.Message, properties: messageProps, description: `A message. \`payload\` is checked per kind (${kindTable}); \`text\` has none. Unknown kinds show \`text\` as a fallback. Each of \`attachments\` is an AttachmentRef.` };

  const paths = {};
  const routes = { ...p.PATIENT_ROUTES, ...p.NOTIFY_ROUTES };
  for (const [operationId, r] of Object.entries(routes)) {
    const op = { operationId, summary: r.summary };
    if (r.auth === false) op.security = [];
    const parameters = [];
    for (const [where, schema] of [['path', r.params], ['query', r.query]]) {
      if (!schema) continue;
      for (const [name, entry] of Object.entries(schema.entries)) {
        const optional = entry.type === 'optional';
        const js = toJsonSchemaDefs({ X: optional ? entry.wrapped : entry }, { target: 'draft-2020-12', errorMode: 'throw', overrideAction }).X;
        parameters.push({ name, in: where, required: where === 'path' || !optional, schema: js });
      }
    }
    if (operationId === 'events') parameters.unshift({ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' }, description: 'Resume after this event (or ?lastEventId=).' });
    if (parameters.length) op.parameters = parameters;
    if (r.rawBody) {
      // a file as the body: one entry per allowed type, the bytes as they are
      op.parameters = [...(op.parameters ?? []),
        { name: 'X-Attachment-Name', in: 'header', required: true, schema: { type: 'string', maxLength: 1000 }, description: "The file's name, UTF-8 percent-encoded (encodeURIComponent); 1–200 characters, no control characters." },
        { name: 'X-Attachment-Alt', in: 'header', required: false, schema: { type: 'string', maxLength: 3000 }, description: "An image's description, UTF-8 percent-encoded; up to 500 characters." }];
      op.requestBody = {
        required: true,
        description: `The file's bytes, at most ${r.rawBody.maxBytes} bytes. The server checks the bytes against Content-Type (docs/attachments.md).`,
        content: Object.fromEntries(r.rawBody.types.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])),
      };
    }
    if (r.body) {
      const content = { schema: ref(r.body) };
      if (operationId === 'respond') content.examples = answerExamples;
      if (operationId === 'submitEvaluation') content.examples = evaluationExamples;
      op.requestBody = { required: true, content: { 'application/json': content } };
    }
    op.responses = {};
    for (const [status, schema] of Object.entries(r.responses)) {
      if (schema === null) op.responses[status] = { description: 'No content.' };
      else if (schema === 'file') {
        op.responses[status] = {
          description: 'The bytes, with the type the server found. Headers: Content-Disposition (inline for images, attachment otherwise), Content-Security-Policy: default-src \'none\'; sandbox, X-Content-Type-Options: nosniff, Cache-Control: private, no-store.',
          content: Object.fromEntries(p.ATTACHMENT_TYPES.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])),
        };
      } else if (schema === 'event-stream') {
        op.responses[status] = {
          description: 'The stream: `id: <event id>` and `data: <BackendEvent JSON>` per event; a comment at least every 15 s; one `event: resync` when the resume point is too old.',
          content: { 'text/event-stream': { schema: { type: 'string' }, 'x-event-schema': { $ref: '#/components/schemas/BackendEvent' } } },
        };
      } else {
        const content = { schema: ref(schema) };
        if (operationId === 'getMessages' || operationId === 'sendMessage') {
          if (operationId === 'getMessages') content.examples = Object.fromEntries(Object.entries(examples).filter(([k]) => k.endsWith('Message')).map(([k, e]) => [k, { summary: e.summary, value: { messages: [e.value] } }]));
          else content.examples = { TextMessage: messageExamples.TextMessage };
        }
        op.responses[status] = { description: 'OK.', content: { 'application/json': content } };
      }
    }
    for (const status of r.errors) op.responses[status] = { $ref: `#/components/responses/Error${status}` };
    const method = r.method.toLowerCase();
    (paths[r.path] ??= {})[method] = op;
  }
  Object.assign(paths, AUTH_PATHS);

  const statuses = [...new Set([...Object.values(routes).flatMap((r) => r.errors), 400, 401])].sort((a, b) => a - b);
  const responses = Object.fromEntries(statuses.map((s) => [`Error${s}`, {
    description: ERROR_TEXT[s] ?? `Error ${s}.`,
    ...(s === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } } : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  }]));

  const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vård Chat protocol',
      version: '1.0.0',
      summary: 'The HTTP protocol between the <vard-chat> widget (HttpBackend) and a clinic\'s chat backend.',
      description: [
        'GENERATED from src/protocol/ by `npm run check:protocol -- --write`; do not edit by hand.',
        'JSON over HTTPS plus one Server-Sent Events stream. docs/protocol.md has the rules a schema',
        'cannot say: idempotency, event order and resume, limits, cookies and CORS. Every message kind',
        'has an example of a whole message (components/examples/*Message) and, where the patient answers,',
        'of the answer body (components/examples/*Answer).',
      ].join('\n'),
    },
    servers: [{ url: 'http://localhost:8787/api', description: "the reference server (npm run serve); the widget's data-backend value" }],
    security: [{ sessionCookie: [] }, { bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'vc_session', description: 'HttpOnly, SameSite=Lax, Secure on https; set by /auth/callback.' },
        bearer: { type: 'http', scheme: 'bearer', description: 'For integrations where the page holds a token (HttpBackend getToken).' },
      },
      responses,
      examples: sorted(examples),
      schemas: sorted(schemas),
    },
  };
}

/** Rejects a document that is not valid OpenAPI 3.1 (@readme/openapi-parser), with its errors. */
export async function validateDocument(doc) {
  const result = await validate(structuredClone(doc));
  if (!result.valid) throw new Error(`not valid OpenAPI:\n${compileErrors(result)}`);
}

export async function generate(protocolDir) {
  const doc = buildDocument(await loadProtocol(protocolDir));
  await validateDocument(doc);
  return `# GENERATED by \`npm run check:protocol -- --write\` from src/protocol/ — do not edit by hand.\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

async function main(argv) {
  const arg = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const file = resolve(arg('--file') ?? join(root, 'docs/openapi.yaml'));
  const text = await generate(arg('--protocol') ? resolve(arg('--protocol')) : undefined);
  if (argv.includes('--write')) {
    writeFileSync(file, text);
    console.log(`check:protocol: wrote ${file}`);
    return 0;
  }
  let current = '';
  try { current = readFileSync(file, 'utf8'); } catch { /* reported below */ }
  if (current !== text) {
    const a = current.split('\n');
    const b = text.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    console.error(`check:protocol: ${file} differs from the schemas (first at line ${line + 1}).`);
    console.error(`  file:    ${a[line] ?? '(end of file)'}`);
    console.error(`  schemas: ${b[line] ?? '(end of file)'}`);
    console.error('Run `npm run check:protocol -- --write` and commit docs/openapi.yaml.');
    return 1;
  }
  console.log('check:protocol: docs/openapi.yaml matches the schemas and is valid OpenAPI 3.1');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(`check:protocol: ${err.message}`);
    process.exit(1);
  });
}
