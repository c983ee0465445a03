/**
 * The login configuration a clinic gives the widget (property `auth` on <vard-chat>, or data-*
 * attributes on the script tag). Small and dependency-free: the script-tag entry imports it.
 */
import type { LoginMethod } from '../core/auth.js';

export interface AuthConfig {
  /** `bff` (default): the backend logs in and sets an HttpOnly cookie. `oidc`: the browser does. */
  mode?: 'bff' | 'oidc';
  /** Which login buttons show, in order. Default: BankID, then Freja eID. */
  methods?: LoginMethod[];
  /** BFF: the backend's login address; the widget adds `method` and `return_to`. */
  loginUrl?: string;
  /** BFF: the backend's logout address (POSTed with the cookie) when the adapter has no `logout()`. */
  logoutUrl?: string;
  /** OIDC: the issuer (the broker), e.g. https://example.idura.broker */
  issuer?: string;
  /** OIDC: the public client's id (no secret: PKCE S256 protects the code). */
  clientId?: string;
  /** OIDC: where the provider returns to; default this page without its query. Register it at the broker. */
  redirectUri?: string;
  /** OIDC: scopes; default `openid profile`. */
  scope?: string;
  /** OIDC: `acr_values` per method; default urn:grn:authn:se:bankid and urn:grn:authn:se:frejaid. */
  acrValues?: Partial<Record<LoginMethod, string>>;
  /** OIDC: optional `login_hint` for the broker. */
  loginHint?: string;
  /** OIDC: allow an http:// issuer. Only for local testing; never in production. */
  allowInsecureHttp?: boolean;
}

/** Reads an AuthConfig from data-* attributes; undefined when none is given. */
export function authConfigFromData(d: DOMStringMap): AuthConfig | undefined {
  if (!d.auth && !d.loginUrl && !d.oidcIssuer) return undefined;
  const config: AuthConfig = { mode: d.auth === 'oidc' ? 'oidc' : 'bff' };
  if (d.loginUrl) config.loginUrl = d.loginUrl;
  if (d.logoutUrl) config.logoutUrl = d.logoutUrl;
  if (d.oidcIssuer) config.issuer = d.oidcIssuer;
  if (d.oidcClientId) config.clientId = d.oidcClientId;
  if (d.oidcRedirectUri) config.redirectUri = d.oidcRedirectUri;
  if (d.loginHint) config.loginHint = d.loginHint;
  if (d.loginMethods) config.methods = parseMethods(d.loginMethods);
  return config;
}

export function parseMethods(value: string): LoginMethod[] {
  return value.split(/[\s,]+/).filter((m): m is LoginMethod => m === 'bankid' || m === 'freja');
}
