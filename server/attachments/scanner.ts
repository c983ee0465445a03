/**
 * The hook where a clinic plugs in its virus scanner (ClamAV over clamd, a cloud scanner, …).
 * Every upload passes `scan(bytes, meta)` after the type check and before anything is stored;
 * a rejection is 422 `attachment-rejected` and nothing is kept. A scanner that throws is a
 * server fault (500): a file is never stored unscanned.
 *
 * The reference scanner scans nothing: it only rejects by rule, and its one rule is the EICAR
 * anti-virus test file (so a clinic can check that the hook is wired, and the tests can too).
 */
export interface ScanMeta {
  /** The type found in the bytes. */
  type: string;
  size: number;
  /** The conversation (for the scanner's own logs; never the file's name or content). */
  conversationId: string;
}

export type ScanResult = { ok: true } | { ok: false; reason: string };

export interface AttachmentScanner {
  scan(bytes: Uint8Array, meta: ScanMeta): Promise<ScanResult>;
}

/** The EICAR test string (https://www.eicar.org/download-anti-malware-testfile/). */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The reference: no scanning; rejects a file that contains the EICAR test string anywhere. */
export function ruleScanner(rules: { eicar?: boolean } = {}): AttachmentScanner {
  const needle = Buffer.from(EICAR, 'latin1');
  return {
    async scan(bytes) {
      if (rules.eicar !== false && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle)) {
        return { ok: false, reason: 'EICAR test file' };
      }
      return { ok: true };
    },
  };
}
