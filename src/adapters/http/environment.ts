/** What the live stream needs to know about the page: is it visible, is it online, and when that changes. */
export interface StreamEnvironment {
  visible(): boolean;
  online(): boolean;
  /** Calls `cb` when the page becomes visible or the browser comes online; returns an unsubscribe. */
  onWake(cb: () => void): () => void;
}

/** The browser's document visibility and navigator.onLine (always visible/online elsewhere). */
export const browserEnvironment: StreamEnvironment = {
  visible: () => typeof document === 'undefined' || document.visibilityState !== 'hidden',
  online: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  onWake(cb) {
    if (typeof window === 'undefined') return () => undefined;
    const onVis = () => { if (document.visibilityState !== 'hidden') cb(); };
    document.addEventListener('visibilitychange', onVis);
    window.addEventListener('online', cb);
    return () => {
      document.removeEventListener('visibilitychange', onVis);
      window.removeEventListener('online', cb);
    };
  },
};
