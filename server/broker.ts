/**
 * The e-ID broker as the server sees it: who it is (issuer, client, how the client
 * authenticates), which `acr` means which method, which claim holds the personal identity
 * number; and what the server derives from that number (an opaque subject, a storage key).
 * Also the check of bearer access tokens the broker issues to browser OIDC (RFC 9068 JWTs).
 */
import { createHmac, createPrivateKey, randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import type { LoginMethod } from '../src/core/auth.js';
import { discovery, type OidcClient } from './oidc-client.js';

/** The e-ID broker: an OIDC client, plus what its answers mean. */
export interface Broker extends OidcClient {
  acr: Record<LoginMethod, string>;
  personalNumberClaim: string;
  /** The `aud` of access tokens for this server's /api. */
  audience: string;
  /** Scopes of the login; `openid profile` by default. */
  scope?: string;
}

/** `private_key_jwt` from a PKCS#8 PEM (RSA → RS256, EC P-256 → ES256). */
export async function privateKeyAuth(pem: string, kid?: string): Promise<oauth.ClientAuth> {
  const key = createPrivateKey(pem);
  const jwk = key.export({ format: 'jwk' });
  const algorithm = key.asymmetricKeyType === 'rsa'
    ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
    : key.asymmetricKeyType === 'ec' && jwk.crv === 'P-256' ? { name: 'ECDSA', namedCurve: 'P-256' } : undefined;
  if (!algorithm) throw new Error('OIDC_PRIVATE_KEY_FILE: an RSA or EC P-256 private key is needed');
  const cryptoKey = await crypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']);
  return oauth.PrivateKeyJwt(kid ? { key: cryptoKey, kid } : cryptoKey);
}

/**
 * Whether the `acr` a broker returned is the method that was asked for: the same value, or a
 * narrower one below it (`urn:grn:authn:se:bankid:same-device` for `urn:grn:authn:se:bankid`).
 */
export function acrMatches(asked: string, returned: unknown): boolean {
  return typeof returned === 'string' && (returned === asked || returned.startsWith(`${asked}:`));
}

/** The method an `acr` stands for, or undefined (a token for some other login). */
export function methodOfAcr(b: Broker, acr: unknown): LoginMethod | undefined {
  return (Object.keys(b.acr) as LoginMethod[]).find((m) => acrMatches(b.acr[m], acr));
}

/** The personal identity number in a claim: 12 digits (YYYYMMDDNNNN), a hyphen allowed; else undefined. */
export function personalNumberOf(claims: Record<string, unknown>, claim: string): string | undefined {
  const raw = claims[claim];
  if (typeof raw !== 'string') return undefined;
  const digits = raw.replace(/^(\d{8})-(\d{4})$/, '$1$2');
  return /^\d{12}$/.test(digits) ? digits : undefined;
}

/**
 * What the server derives per patient with HMAC-SHA-256 under its secret (VARD_SECRET): the
 * subject (from the personal identity number, which is never stored) and the key the widget
 * encrypts its outbox with (from the subject). Both are stable as long as the secret is.
 */
export class PatientKeys {
  private readonly secret: Buffer;
  /** True when no secret was configured and a random one is used (this process only). */
  readonly ephemeral: boolean;

  constructor(secret: string | undefined) {
    this.ephemeral = !secret;
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  private mac(label: string, value: string): Buffer {
    return createHmac('sha256', this.secret).update(`vard-chat:${label}\u0000${value}`).digest();
  }

  /** The opaque, stable subject of a personal identity number (base64url, 43 characters). */
  subjectOf(personalNumber: string): string {
    return `p-${this.mac('subject', personalNumber).toString('base64url')}`;
  }

  /** The patient's storage key: 32 bytes, base64 (PatientSession.storageKey). */
  storageKeyOf(subject: string): string {
    return this.mac('storage-key', subject).toString('base64');
  }
}

/** A patient known from a bearer access token. */
export interface BearerPatient {
  subject: string;
  name: string;
  /** Epoch ms: the token's expiry. */
  expiresAt: number;
  jti: string;
}

/**
 * Checks `Authorization: Bearer <JWT>` against the broker: signature (its JWKS), issuer,
 * audience, expiry (oauth4webapi's RFC 9068 validation), then the `acr` (BankID or Freja eID as
 * configured) and the personal identity number claim. Undefined for a token that fails any check.
 */
export class BearerTokens {
  private readonly jwks: oauth.JWKSCacheInput = {};
  private readonly as: () => Promise<oauth.AuthorizationServer>;

  constructor(private readonly broker: Broker, private readonly keys: PatientKeys) {
    this.as = discovery(broker);
  }

  /** A JWT-shaped bearer token (an opaque session id is not one). */
  static isJwt(header: string | undefined): boolean {
    return !!header && /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(header.trim());
  }

  async verify(authorization: string, url: string): Promise<BearerPatient | undefined> {
    try {
      const req = new Request(url, { headers: { authorization } });
      const claims = await oauth.validateJwtAccessToken(await this.as(), req, this.broker.audience, {
        [oauth.jwksCache]: this.jwks, [oauth.allowInsecureRequests]: this.broker.insecure,
      });
      if (!methodOfAcr(this.broker, claims['acr'])) return undefined;
      const pnr = personalNumberOf(claims, this.broker.personalNumberClaim);
      if (!pnr) return undefined;
      const name = typeof claims['name'] === 'string' && claims['name'].length <= 200 ? claims['name'] : '';
      return { subject: this.keys.subjectOf(pnr), name, expiresAt: claims.exp * 1000, jti: claims.jti };
    } catch {
      return undefined;
    }
  }
}
