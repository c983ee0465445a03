/**
 * While the page is in the background, a new clinician message raises a count in the tab
 * title: "(2) Original title". Only the count: never a name or any message content.
 * The title is restored when the page is visible again.
 */
export class TitleBadge {
  private original: string | undefined;
  private count = 0;

  constructor(private readonly doc: Document = document) {
    doc.addEventListener('visibilitychange', this.handleVisibility);
  }

  /** A new message from the clinic arrived. */
  bump(format: (count: number, title: string) => string): void {
    if (this.doc.visibilityState === 'visible') return;
    this.original ??= this.doc.title;
    this.count++;
    this.doc.title = format(this.count, this.original);
  }

  dispose(): void {
    this.doc.removeEventListener('visibilitychange', this.handleVisibility);
    this.restore();
  }

  private readonly handleVisibility = (): void => {
    if (this.doc.visibilityState === 'visible') this.restore();
  };

  private restore(): void {
    if (this.original !== undefined) this.doc.title = this.original;
    this.original = undefined;
    this.count = 0;
  }
}
