/** Defines a custom element once; a second definition (script loaded twice) is ignored. */
export function defineElement(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}
