import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatBackend } from '../core/backend.js';
import type { ChatClient } from '../core/chat-client.js';
import { toBackendError } from '../core/errors.js';
import type { Coding, QuestionnaireResponse } from '../core/triage/types.js';

/** The triage chunk, as far as this controller needs it (the host's templates need more of it). */
export interface TriageEngine {
  checkQuestionnaire(q: unknown): { ok: boolean };
}

/** Where the pre-chat triage is; each member says when it is entered. */
export const TriageStatus = {
  /** Not asked for yet. */
  Idle: 'idle',
  /** Loading the questionnaire from the backend. */
  Loading: 'loading',
  /** The backend has no triage (`not-found`): the chat starts without one. */
  None: 'none',
  /** Loaded; `valid` says whether the engine accepts it. */
  Ready: 'ready',
  /** Loading failed; `retry` loads again. */
  Error: 'error',
} as const;
export type TriageStatus = (typeof TriageStatus)[keyof typeof TriageStatus];

/**
 * Loads the pre-chat questionnaire for a host and starts the conversation with its answers.
 * The patient's answers live in `<vard-triage>`; this holds only the flow's state.
 */
export class TriageController<U extends TriageEngine = TriageEngine> implements ReactiveController {
  status: TriageStatus = TriageStatus.Idle;
  questionnaire: unknown;
  valid = false;
  /** The conversation is being started with the answers. */
  starting = false;
  startFailed = false;
  /** Finished: the conversation was started from the triage, or the patient skipped an unusable one. */
  done = false;
  /** The triage chunk, once downloaded. */
  ui: U | undefined;
  private generation = 0;

  /**
   * @param loadEngine downloads the questionnaire engine (and the form's element) beside the
   *   questionnaire: the triage is a chunk of its own that a session with an open conversation never needs
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly loadEngine: () => Promise<U>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets everything (a new backend). */
  reset(): void {
    this.generation++;
    Object.assign(this, { status: TriageStatus.Idle, questionnaire: undefined, valid: false, starting: false, startFailed: false, done: false });
  }

  /** Loads the questionnaire once (from Idle); after an error only `retry` loads again. */
  load(backend: ChatBackend, locale: string): void {
    if (this.status !== TriageStatus.Idle) return;
    const generation = this.generation;
    this.status = TriageStatus.Loading;
    this.host.requestUpdate();
    // a failed download of the engine is a load error as well: "Försök igen" tries both again
    Promise.all([backend.getTriage(locale), this.loadEngine()]).then(
      ([q, ui]) => {
        if (generation !== this.generation) return;
        this.ui = ui;
        this.questionnaire = q;
        this.valid = ui.checkQuestionnaire(q).ok;
        this.status = TriageStatus.Ready;
      },
      (err: unknown) => {
        if (generation !== this.generation) return;
        this.status = toBackendError(err).kind === 'not-found' ? TriageStatus.None : TriageStatus.Error;
      },
    ).finally(() => this.host.requestUpdate());
  }

  /** Loads again after an error (the patient's "Försök igen"). */
  retry(backend: ChatBackend, locale: string): void {
    if (this.status === TriageStatus.Error) this.status = TriageStatus.Idle;
    this.load(backend, locale);
  }

  /** Starts the conversation with the answers and the routing hint; the answers stay on failure. */
  async start(client: ChatClient, response: QuestionnaireResponse, reason: Coding | undefined): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    this.startFailed = false;
    this.host.requestUpdate();
    try {
      const req = reason?.code ? { triage: response, reason: { ...reason, code: reason.code } } : { triage: response };
      await client.startConversation(req);
      this.done = true;
    } catch {
      this.startFailed = true;
    } finally {
      this.starting = false;
      this.host.requestUpdate();
    }
  }

  /** A new conversation: the loaded questionnaire is answered again from the start. */
  again(): void {
    Object.assign(this, { starting: false, startFailed: false, done: false });
  }

  /** The questionnaire cannot be used: chat without it, now and for later new chats. */
  skip(): void {
    this.done = true;
    this.status = TriageStatus.None;
    this.host.requestUpdate();
  }
}
