import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PaymentFormError } from '../errors.ts';
import {
  QentaErrorEvent,
  QentaLoadErrorEvent,
  QentaReadyEvent,
  QentaStoredEvent,
} from '../events.ts';
import { brandIcon } from '../internal/brand-icon.ts';
import {
  builtInFields,
  checkFields,
  type FieldProblems,
  type FieldSpec,
  isCardType,
  type PaymentType,
  paymentInformation,
  paymentTypeOf,
  type TypeSpec,
  typeSpec,
} from '../internal/fields.ts';
import {
  type GatewayDataStorage,
  LoadError,
  type LoadFailure,
  loadGatewayScript,
  requestStorage,
} from '../internal/loader.ts';
import { en, type Strings } from '../locales/en.ts';
import { styles } from './payment-form.styles.ts';

/** Where the element is: the value of `readyState` and of its `:state()`. */
export type ReadyState = 'loading' | 'ready' | 'storing' | 'stored' | 'error';

let german: Strings | undefined;

/**
 * A drop-in payment form: gets a QENTA data storage from the shop, loads the gateway's
 * data-storage script, collects card or bank data (its own fields, or the gateway's PCI SAQ-A
 * iframe), stores it at the gateway and shows the anonymised result. It is a form control: its
 * value is the storage id plus the anonymised fields, never card data.
 *
 * @summary Collects payment data and stores it in the QENTA data storage.
 *
 * @slot frame - Filled by the element itself in `pci3` mode: the light-DOM container the gateway
 *   script builds its iframe in (it looks it up with `document.getElementById`).
 *
 * @event qenta-ready - The gateway script is loaded and the fields accept input.
 * @event qenta-stored - The data is stored; carries `storageId`, `paymentType`, `anonymized`.
 * @event qenta-error - Storing failed; carries a stable `code` and the gateway's `errors`.
 * @event qenta-load-error - The init endpoint or the gateway script failed to load; `reason` is
 *   `timeout | network | csp | gateway`, `retry()` tries again.
 * @event input - On every edit of a field: a plain `Event` (bubbles, composed), without the typed
 *   text.
 * @event change - When a field's value is committed, re-dispatched on the host: bubbles, not
 *   composed, as a native input's `change`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart status - The live region (visually hidden) announcing loading, saving and results.
 * @csspart fields - The fieldset of inputs (shown as a skeleton while loading).
 * @csspart field - One label + input + error group.
 * @csspart label - A field label.
 * @csspart input - A text input.
 * @csspart error - The message under a field.
 * @csspart message - A message that belongs to no single field.
 * @csspart brand - The card brand icon.
 * @csspart summary - The anonymised result after storing.
 * @csspart change-button - The "use another card" button.
 * @csspart load-error - The error panel shown when loading failed.
 * @csspart retry-button - Its "try again" button.
 * @csspart test-cards - The test card picker (`test-mode`).
 *
 * @cssproperty --qenta-accent-color - Focus ring and buttons.
 * @cssproperty --qenta-text-color - Text.
 * @cssproperty --qenta-muted-color - Labels.
 * @cssproperty --qenta-error-color - Error text and invalid borders.
 * @cssproperty --qenta-background - Input background.
 * @cssproperty --qenta-border-color - Input and summary borders.
 * @cssproperty --qenta-radius - Corner radius.
 * @cssproperty --qenta-gap - Space between fields.
 * @cssproperty --qenta-font-family - Font.
 * @cssproperty --qenta-min-height - Height reserved from the first paint (no layout shift).
 * @cssproperty --qenta-skeleton-color - Placeholder colour while loading.
 *
 * @cssstate loading - Getting the data storage or loading the gateway script.
 * @cssstate ready - Accepting input.
 * @cssstate stored - The data is stored.
 * @cssstate invalid - Checks failed or the gateway rejected the data.
 * @cssstate error - Loading failed.
 */
export class QentaPaymentForm extends LitElement {
  static override styles = styles;
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  // `static properties` instead of decorators: the decorator helpers cost bytes of the budget.
  static override properties = {
    initUrl: { attribute: 'init-url' },
    javascriptUrl: { attribute: 'javascript-url' },
    paymentType: { attribute: 'payment-type' },
    mode: {},
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    testMode: { type: Boolean, attribute: 'test-mode' },
    loadTimeout: { type: Number, attribute: 'load-timeout' },
    frameHeight: { attribute: 'frame-height' },
    strings: { attribute: false },
    lang: {},
    phase: { state: true },
    problems: { state: true },
    formMessage: { state: true },
    announcement: { state: true },
    anonymized: { state: true },
    picker: { state: true },
  };

  // Reactive properties are `declare`d (no class field is emitted) and get their defaults in the
  // constructor, so Lit's accessors work whatever `useDefineForClassFields` the shop's bundler
  // applies to this file (a class field would shadow the accessor and freeze the element).
  /** The shop endpoint that runs data storage init and answers `{ storageId, javascriptUrl }`. */
  declare initUrl: string;
  /** A `javascriptUrl` the page already has (instead of `init-url`; no re-init possible). */
  declare javascriptUrl: string;
  /** CCARD, CCARD-MOTO, MAESTRO, SEPA-DD, PBX, GIROPAY or VOUCHER. */
  declare paymentType: string;
  /** `classic`: the element's own fields; `pci3`: the gateway's SAQ-A iframe (cards only). */
  declare mode: 'classic' | 'pci3';
  /** Name under which the form value is submitted. */
  declare name: string;
  /** The form is invalid until the data is stored or filled in. */
  declare required: boolean;
  /** Disables the fields and leaves the element out of its form. */
  declare disabled: boolean;
  /** Offers the test card picker and accepts the gateway's demo PANs (which fail Luhn). */
  declare testMode: boolean;
  /** Milliseconds to wait for the init endpoint, the script, and a store answer. */
  declare loadTimeout: number;
  /** Height of the pci3 iframe. */
  declare frameHeight: string;
  /** Overrides for any of the built-in strings. */
  declare strings: Partial<Strings>;
  /** Language; falls back to the nearest `lang` ancestor, then English. */
  declare lang: string;

  declare private phase: ReadyState;
  declare private problems: FieldProblems;
  declare private formMessage: string;
  declare private announcement: string;
  declare private anonymized: Record<string, string> | undefined;
  /** The test-mode picker module, loaded only when `test-mode` is set. */
  declare private picker: typeof import('../internal/test-mode.ts') | undefined;

  readonly #internals: ElementInternals;
  /** The consumer's entries; kept only until stored, never put in attributes or events. */
  #values: Record<string, string> = {};
  #storage: GatewayDataStorage | undefined;
  #pickerNode: HTMLElement | undefined;
  #spec: TypeSpec | undefined;
  /** The store call, loaded with the form (not needed for the first paint: size budget). */
  #storeCall: Promise<typeof import('../internal/store-call.ts')> | undefined;
  #loadFailure: LoadFailure | undefined;
  #storageId = '';
  #scriptUrl = '';
  #loadRun = 0;
  #opened = '';
  #frame: import('../internal/pci3.ts').MountedFrame | undefined;
  #pci3: typeof import('../internal/pci3.ts') | undefined;
  #form: HTMLFormElement | null = null;
  #waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  #storing: Promise<Record<string, string>> | undefined;
  #invalid = false;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.initUrl = '';
    this.javascriptUrl = '';
    this.paymentType = 'CCARD';
    this.mode = 'classic';
    this.name = '';
    this.required = false;
    this.disabled = false;
    this.testMode = false;
    this.loadTimeout = 15_000;
    this.frameHeight = '250px';
    this.strings = {};
    this.lang = '';
    this.phase = 'loading';
    this.problems = {};
    this.formMessage = '';
    this.announcement = '';
  }

  /** Where the element is: `loading`, `ready`, `storing`, `stored` or `error`. */
  get readyState(): ReadyState {
    return this.phase;
  }

  /** Why loading failed (`timeout | network | csp | gateway`) while `readyState` is `error`. */
  get loadErrorReason(): LoadFailure | undefined {
    return this.#loadFailure;
  }

  /** The form the element belongs to. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /** Constraint validation, as on native controls. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }

  /** The message `reportValidity()` shows. */
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  /** False while disabled. */
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }

  /** True when valid; fires `invalid` otherwise, as native controls do. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** Like `checkValidity()`, and shows the message at the first field. */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /**
   * Resolves when the gateway script is loaded (at once when it is), in pci3 mode once the
   * gateway's iframe has loaded its fields; rejects with code `not-ready` when loading fails.
   *
   * @example
   * ```ts
   * await form.whenReady();
   * ```
   */
  whenReady(): Promise<void> {
    // The storage object exists exactly while ready, storing or stored.
    if (this.#storage) return Promise.resolve();
    if (this.phase === 'error') return Promise.reject(this.#notReady());
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /**
   * Checks the entries, stores them at the gateway and resolves with the anonymised data. Rejects
   * with a `PaymentFormError` (`invalid-input`, `gateway-rejected`, `storage-expired`,
   * `not-ready`, `timeout`) after dispatching `qenta-error`.
   *
   * @example
   * ```ts
   * const { maskedPan } = await form.store();
   * ```
   */
  store(): Promise<Record<string, string>> {
    if (this.phase === 'stored' && this.anonymized) return Promise.resolve({ ...this.anonymized });
    this.#storing ??= this.#store().finally(() => {
      this.#storing = undefined;
    });
    return this.#storing;
  }

  /**
   * Clears the entries and the stored result, so the consumer can enter other data. The data
   * storage is kept (a later store replaces the data, §6.2).
   *
   * @example
   * ```ts
   * form.reset();
   * ```
   */
  reset(): void {
    this.#values = {};
    this.problems = {};
    this.formMessage = '';
    this.anonymized = undefined;
    this.#invalid = false;
    if (this.phase === 'stored') {
      this.phase = 'ready';
      if (this.mode === 'pci3') this.#buildFrame();
    }
    this.#sync();
  }

  override connectedCallback(): void {
    // Loading first: the script request goes out before the shadow root and styles are set up.
    if (!this.#storage && this.phase !== 'error') void this.#open();
    super.connectedCallback();
    if (this.phase === 'ready') this.#buildFrame();
    this.#sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watchForm(null);
    // Drops the pci3 iframe and its message listener; a reconnect builds a fresh one.
    this.#frame?.dispose();
    this.#frame = undefined;
  }

  formAssociatedCallback(form: HTMLFormElement | null): void {
    this.#watchForm(form);
  }

  formResetCallback(): void {
    this.reset();
  }

  formDisabledCallback(): void {
    // Called while Lit reflects `disabled` (inside an update), where a state change would be
    // lost; render again once that update is over. `:disabled` covers the attribute and fieldsets.
    void Promise.resolve().then(() => this.requestUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') || !this.hasUpdated) this.#loadLocale();
    if (this.testMode && !this.picker) {
      void import('../internal/test-mode.ts').then((module) => {
        this.picker = module;
      });
    }
    // Loading starts in `connectedCallback`, before this first update; a source set right after
    // insertion (or any later change) loads again.
    if (this.#opened !== this.#source()) {
      this.#values = {};
      this.anonymized = undefined;
      void this.#open();
    }
  }

  protected override updated(): void {
    this.#sync();
  }

  override render(): TemplateResult {
    const s = this.#strings();
    return html`<div part="base"><div part="status" class="sr-only" role="status" aria-live="polite">${this.announcement}</div>${
      this.phase === 'error'
        ? this.#renderLoadError(s)
        : this.phase === 'stored' && this.anonymized
          ? this.#renderSummary(s)
          : this.#renderFields(s)
    }<div part="message" id="message">${this.formMessage}</div></div>`;
  }

  #renderFields(s: Strings): TemplateResult {
    const type = this.#type();
    // Typeable while loading: what is typed is kept and stored once ready (issue 11).
    const locked = this.phase === 'storing' || this.#isDisabled();
    return html`<fieldset part="fields" class=${this.phase === 'loading' ? 'loading' : ''} ?disabled=${locked}>${this.#renderPicker(s, type)}${
      this.mode === 'pci3'
        ? html`<slot name="frame"></slot>`
        : (this.#spec?.fields ?? builtInFields(type)).map((field) => this.#renderField(s, field))
    }</fieldset>`;
  }

  #renderPicker(s: Strings, type: PaymentType | undefined): HTMLElement | typeof nothing {
    if (!this.testMode || !type || !this.picker) return nothing;
    this.#pickerNode ??= this.picker.createPicker({ strings: s, type, pick: this.#handlePick });
    return this.#pickerNode ?? nothing;
  }

  #renderField(s: Strings, field: FieldSpec): TemplateResult {
    const expiryPart = field.key === 'expirationMonth' || field.key === 'expirationYear';
    const problemKey = expiryPart ? 'expiry' : field.key;
    const problem = this.problems[problemKey];
    const brand =
      field.key === 'pan' ? this.#spec?.brand?.(this.#values.pan ?? '', this.testMode) : undefined;
    const classes = `${field.narrow ? 'narrow' : ''} ${field.key === 'pan' ? 'with-brand' : ''}`;
    return html`<div part="field" class=${classes}><label part="label" for=${field.key}>${s[field.key]}</label><input part="input" id=${field.key} autocomplete=${field.autocomplete} inputmode=${field.numeric ? 'numeric' : 'text'} maxlength=${field.maxlength} ?required=${!field.optional} aria-invalid=${Boolean(problem)} aria-describedby=${`error-${problemKey}`} .value=${this.#values[field.key] ?? ''} @input=${this.#handleInput} @change=${this.#handleChange} @keydown=${this.#handleKey}>${brand ? brandIcon(brand) : nothing}${field.key === 'expirationMonth' ? nothing : html`<div part="error" id=${`error-${problemKey}`}>${problem}</div>`}</div>`;
  }

  #renderSummary(s: Strings): TemplateResult {
    const data = this.anonymized ?? {};
    // The masked PAN keeps the first six digits, enough for the brand (qenta-protocol §11.13).
    const brand = data.maskedPan ? this.#spec?.brand?.(data.maskedPan, this.testMode) : undefined;
    const primary =
      data.maskedPan ??
      data.bankAccountIban ??
      data.payerPayboxNumber ??
      data.bankAccount ??
      data.voucherId ??
      '';
    const card = isCardType(this.#type());
    const lines = [
      primary,
      data.expiry && s.expires.replace('{date}', data.expiry),
      data.cardholdername ?? data.accountOwner,
    ];
    return html`<div part="summary">${brand ? brandIcon(brand) : nothing}<p>${lines.filter(Boolean).join(' · ')}</p><button part="change-button" type="button" @click=${this.#handleChangeData}>${card ? s.useAnotherCard : s.useOtherDetails}</button></div>`;
  }

  #renderLoadError(s: Strings): TemplateResult {
    return html`<div part="load-error" role="alert"><span>${s.loadFailed}</span><button part="retry-button" type="button" @click=${this.#retry}>${s.retry}</button></div>`;
  }

  // --- loading -------------------------------------------------------------------------------

  /** What loading depends on; compared with `#opened` before each update. */
  #source(): string {
    return [this.initUrl, this.javascriptUrl, this.paymentType, this.mode].join(' ');
  }

  async #open(): Promise<void> {
    const run = ++this.#loadRun;
    this.#opened = this.#source();
    this.#storage = undefined;
    this.#spec = undefined;
    this.#pickerNode = undefined;
    this.#loadFailure = undefined;
    this.phase = 'loading';
    this.announcement = this.#strings().loading;
    try {
      // No await before the script request for card types: it goes out from `connectedCallback`,
      // while the first render runs, instead of after it.
      const type = this.#type();
      void this.#loadStoreCall();
      const described = type ? typeSpec(type) : Promise.resolve(undefined);
      if (!type) throw new LoadError('gateway');
      // Another type must be known before the data storage is asked for; its fields render then.
      if (!isCardType(type)) {
        this.#spec = await described;
        if (!this.#spec) throw new LoadError('gateway');
      }
      const pci3 = this.mode === 'pci3' && import('../internal/pci3.ts');
      let url = this.javascriptUrl;
      if (!url) {
        // Fail a tick later: listeners added right after insertion still hear it.
        if (!this.initUrl) throw await Promise.resolve(new LoadError('gateway'));
        const answer = await requestStorage({
          url: this.initUrl,
          body: { paymentType: type, mode: this.mode, language: this.#language() },
          timeout: this.loadTimeout,
        });
        url = answer.javascriptUrl;
        this.#storageId = answer.storageId;
      } else {
        this.#storageId = storageIdFromUrl(url);
      }
      this.#scriptUrl = url;
      const nonce = (globalThis as { litNonce?: string }).litNonce;
      const storage = await loadGatewayScript({
        url,
        timeout: this.loadTimeout,
        ...(nonce ? { nonce } : {}),
      });
      // Requested at the start, so normally here long before the script.
      this.#spec ??= await described;
      if (!this.#spec) throw new LoadError('gateway');
      // What was typed while the card behaviour was loading gets its display format now.
      for (const [key, format] of Object.entries(this.#spec.format ?? {})) {
        const typed = this.#values[key];
        if (typed) this.#values = { ...this.#values, [key]: format(typed) };
      }
      if (pci3) {
        this.#pci3 ??= await pci3;
        if (run !== this.#loadRun) return;
        // Ready once the iframe's fields have loaded, not when it is built (issue 11).
        this.#buildFrame(storage);
        await this.#frame?.ready;
      }
      if (run !== this.#loadRun) return;
      this.#storage = storage;
      this.phase = 'ready';
      this.announcement = this.#strings().ready;
      for (const waiter of this.#waiters.splice(0)) waiter.resolve();
      this.dispatchEvent(new QentaReadyEvent());
    } catch (error) {
      if (run !== this.#loadRun) return;
      const reason = error instanceof LoadError ? error.reason : 'gateway';
      this.#loadFailure = reason;
      this.phase = 'error';
      this.announcement = this.#strings().loadFailed;
      for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#notReady());
      this.dispatchEvent(new QentaLoadErrorEvent({ reason, retry: () => this.#retry() }));
    }
  }

  #retry = (): void => {
    void this.#open();
  };

  #buildFrame(storage = this.#storage): void {
    this.#frame?.dispose();
    this.#frame = undefined;
    const method = this.#spec?.frame;
    if (!this.#pci3 || !method || !storage) return;
    this.#frame = this.#pci3.mountFrame({
      host: this,
      storage,
      method,
      height: this.frameHeight,
      title: this.#strings().frameTitle,
      origin: new URL(this.#scriptUrl, document.baseURI).origin,
    });
  }

  // --- storing -------------------------------------------------------------------------------

  async #store(): Promise<Record<string, string>> {
    const s = this.#strings();
    // Bounded: the init request and the script load each have `load-timeout`.
    if (this.phase === 'loading') await this.whenReady().catch(() => undefined);
    const type = this.#type();
    const spec = this.#spec;
    if (!this.#storage || !type || !spec || (this.phase !== 'ready' && this.phase !== 'stored')) {
      throw this.#fail(new PaymentFormError('not-ready', 'Not ready.'));
    }
    if (this.mode === 'classic' && !(await this.#checkEntries(spec, s))) {
      throw this.#fail(new PaymentFormError('invalid-input', 'Invalid input.'));
    }
    this.phase = 'storing';
    this.announcement = s.storing;
    try {
      let outcome = await this.#callStore(spec);
      if ('gone' in outcome && outcome.gone) {
        // Expired or already used storage (§10): get a fresh one. The classic entries are still
        // here and are stored again; the pci3 iframe is rebuilt empty, so the consumer re-enters.
        if (!this.initUrl || !(await this.#renew())) {
          throw new PaymentFormError('storage-expired', 'Storage expired.', outcome.errors);
        }
        if (this.mode === 'pci3') {
          throw new PaymentFormError('storage-expired', 'Storage renewed.');
        }
        outcome = await this.#callStore(spec);
      }
      if ('timeout' in outcome) throw new PaymentFormError('timeout', 'Timeout.');
      if (!outcome.ok) throw new PaymentFormError('gateway-rejected', 'Rejected.', outcome.errors);
      this.#values = {};
      this.problems = {};
      this.formMessage = '';
      this.#invalid = false;
      this.anonymized = outcome.anonymized;
      this.phase = 'stored';
      this.announcement = s.stored;
      this.dispatchEvent(
        new QentaStoredEvent({
          paymentType: type,
          storageId: this.#storageId,
          anonymized: { ...outcome.anonymized },
        }),
      );
      return { ...outcome.anonymized };
    } catch (error) {
      const failure =
        error instanceof PaymentFormError ? error : new PaymentFormError('not-ready', 'Not ready.');
      if ((this.phase as ReadyState) === 'storing') this.phase = 'ready';
      this.#showGatewayErrors(failure);
      throw this.#fail(failure);
    }
  }

  /** The client-side checks (classic mode); shows the problems and focuses the first one. */
  async #checkEntries(spec: TypeSpec, s: Strings): Promise<boolean> {
    this.problems = checkFields(spec, this.#values, {
      strings: s,
      now: new Date(),
      testMode: this.testMode,
    });
    if (Object.keys(this.problems).length === 0) return true;
    this.formMessage = '';
    this.announcement = s.storeFailed;
    this.#invalid = true;
    this.#sync();
    await this.updateComplete;
    this.#focusFirstInvalid();
    return false;
  }

  async #callStore(spec: TypeSpec) {
    const storage = this.#storage as GatewayDataStorage;
    const { callStore } = await this.#loadStoreCall();
    return callStore({
      storage,
      method: spec.method,
      paymentInformation: this.mode === 'pci3' ? null : paymentInformation(spec, this.#values),
      timeout: this.loadTimeout,
    });
  }

  /** The store call's module, requested once: first by `#open`, so it loads with the form. */
  #loadStoreCall(): Promise<typeof import('../internal/store-call.ts')> {
    this.#storeCall ??= import('../internal/store-call.ts');
    return this.#storeCall;
  }

  /** A fresh data storage from the init endpoint; true when the element is ready again. */
  async #renew(): Promise<boolean> {
    await this.#open();
    return this.phase === 'ready';
  }

  #showGatewayErrors(error: PaymentFormError): void {
    const s = this.#strings();
    const problems: FieldProblems = {};
    const general: string[] = [];
    for (const { field, consumerMessage } of error.errors) {
      // A message that belongs to one of the element's own fields is shown there (classic mode).
      if (this.mode === 'classic' && field && field in s) {
        problems[field] = `${problems[field] ?? ''} ${consumerMessage}`.trim();
      } else general.push(consumerMessage);
    }
    this.problems = problems;
    this.formMessage =
      general.join(' ').trim() || (Object.keys(problems).length ? '' : s.storeFailed);
    this.announcement = [s.storeFailed, ...Object.values(problems), ...general].join(' ');
    this.#invalid = true;
    void this.updateComplete.then(() => this.#focusFirstInvalid());
  }

  #fail(error: PaymentFormError): PaymentFormError {
    this.dispatchEvent(new QentaErrorEvent({ code: error.code, errors: error.errors }));
    return error;
  }

  #notReady(): PaymentFormError {
    return new PaymentFormError('not-ready', 'Not ready.');
  }

  // --- form participation -------------------------------------------------------------------

  #watchForm(form: HTMLFormElement | null): void {
    this.#form?.removeEventListener('submit', this.#handleSubmit, { capture: true });
    this.#form = form;
    form?.addEventListener('submit', this.#handleSubmit, { capture: true });
  }

  /** Stores before the form's submit goes on, then submits again (issue 4). */
  #handleSubmit = (event: SubmitEvent): void => {
    if (this.#isDisabled() || this.phase === 'stored') return;
    if (!this.required && this.mode === 'classic' && !this.#hasEntries()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const form = event.currentTarget as HTMLFormElement;
    const submitter = event.submitter;
    this.store().then(
      () => form.requestSubmit(submitter?.isConnected ? submitter : null),
      () => undefined,
    );
  };

  /** Value, validity and states follow the element's data (called after every render). */
  #sync(): void {
    const internals = this.#internals;
    const data = this.phase === 'stored' ? this.anonymized : undefined;
    if (data && this.name) {
      const value = new FormData();
      value.append(this.name, this.#storageId);
      // One `paymentType` field: the anonymised data carries it too (issue 11).
      const fields = { paymentType: this.#type() ?? this.paymentType, ...data };
      for (const [key, entry] of Object.entries(fields)) value.append(`${this.name}.${key}`, entry);
      internals.setFormValue(value);
    } else {
      internals.setFormValue(null);
    }
    const s = this.#strings();
    const anchor = this.renderRoot?.querySelector?.('input, select, button') as HTMLElement | null;
    const problem = Object.values(this.problems).find(Boolean);
    if (this.#isDisabled() || data) {
      internals.setValidity({});
    } else if (
      this.required &&
      // Classic entries count from the first key, also while loading: a submit then stores once
      // ready instead of calling filled-in fields empty.
      (this.mode === 'classic' ? !this.#hasEntries() : this.phase !== 'ready')
    ) {
      internals.setValidity({ valueMissing: true }, s.required, anchor ?? undefined);
    } else if (problem && this.#invalid) {
      internals.setValidity({ customError: true }, problem, anchor ?? undefined);
    } else {
      internals.setValidity({});
    }
    for (const name of ['loading', 'ready', 'stored', 'error', 'invalid'] as const) {
      const on =
        name === 'invalid'
          ? this.#invalid
          : this.phase === name || (name === 'loading' && this.phase === 'storing');
      setState(internals, name, on);
    }
  }

  // --- input handling ------------------------------------------------------------------------

  #handleInput = (event: Event): void => {
    // The native InputEvent carries the inserted text (`data`: a pasted PAN in full); the host
    // gets a plain `input` event instead, so no card data crosses the shadow boundary.
    event.stopPropagation();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const input = event.target as HTMLInputElement;
    let value = input.value;
    const atEnd = input.selectionStart === value.length;
    value = this.#spec?.format?.[input.id]?.(value) ?? value;
    if (value !== input.value && atEnd) input.value = value;
    this.#values = { ...this.#values, [input.id]: atEnd ? value : input.value };
    const key = input.id.startsWith('expiration') ? 'expiry' : input.id;
    if (this.problems[key]) this.problems = { ...this.problems, [key]: undefined };
    this.requestUpdate();
  };

  #handleChange = (): void => {
    // A native input's `change` bubbles but is not composed: re-dispatched on the host the same
    // way, so it reaches the host's tree and stops at an enclosing shadow root, as a native one.
    this.dispatchEvent(new Event('change', { bubbles: true }));
  };

  /** Enter submits the owner form, as in a native text field (implicit submission). */
  #handleKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.isComposing) this.form?.requestSubmit();
  };

  #handlePick = (values: Record<string, string>): void => {
    this.#values = {
      ...this.#values,
      ...values,
      pan: this.#spec?.format?.pan?.(values.pan ?? '') ?? '',
    };
    this.problems = {};
    this.requestUpdate();
  };

  #handleChangeData = (): void => {
    this.reset();
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('input') as HTMLElement | null)?.focus(),
    );
  };

  #focusFirstInvalid(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    target?.focus();
  }

  // --- helpers -------------------------------------------------------------------------------

  #type(): PaymentType | undefined {
    const type = paymentTypeOf(this.paymentType);
    // The SAQ-A iframe exists for card types only (§6.5).
    if (this.mode === 'pci3' && !isCardType(type)) return undefined;
    return type;
  }

  #isDisabled(): boolean {
    return this.disabled || this.matches(':disabled');
  }

  #hasEntries(): boolean {
    return Object.values(this.#values).some((value) => value.trim() !== '');
  }

  /** Two lower-case letters: `lang`, else the nearest `[lang]` ancestor's, else `en`. */
  #language(): string {
    const own = this.lang || this.closest('[lang]')?.getAttribute('lang') || 'en';
    return own.toLowerCase().slice(0, 2);
  }

  #loadLocale(): void {
    if (this.#language() === 'de' && !german) {
      void import('../locales/de.ts').then((module) => {
        german = module.de;
        this.requestUpdate();
      });
    }
  }

  #strings(): Strings {
    return {
      ...en,
      ...this.#spec?.strings,
      ...(this.#language() === 'de' ? german : undefined),
      ...this.strings,
    };
  }
}

function setState(internals: ElementInternals, name: string, on: boolean): void {
  if (on) internals.states.add(name);
  else internals.states.delete(name);
}

/** The storageId is a path segment of the javascriptUrl (qenta-protocol §1.3). */
function storageIdFromUrl(url: string): string {
  return /\/([0-9a-f]{32})\/dataStorage\.js/i.exec(url)?.[1] ?? '';
}

declare global {
  interface HTMLElementTagNameMap {
    'qenta-payment-form': QentaPaymentForm;
  }
}
