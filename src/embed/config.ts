/**
 * The widget's configuration, read from data-* attributes on the script tag or on a
 * <vard-chat> placed by hand. Every value is checked; a bad one is reported by attribute name
 * (never echoing more than a short, harmless excerpt) and the widget shows "chat unavailable"
 * instead of breaking the page.
 */
export interface WidgetConfig {
  /** `mock`, or the HTTP backend's base URL (absolute https, http on localhost, or a same-origin path). */
  backend: string;
  auth: 'bff' | 'oidc';
  loginUrl?: string;
  loginMethods: ('bankid' | 'freja')[];
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcScopes: string;
  /** acr_values per e-ID method. */
  acrValues: { bankid: string; freja: string };
  locale?: string;
  position: 'left' | 'right';
  clinicName?: string;
  inactivityMinutes: number;
  questionnaire?: string;
  exposeContent: boolean;
}

export interface ConfigResult {
  config: WidgetConfig | undefined;
  /** One line per bad attribute, naming it. */
  errors: string[];
}

const excerpt = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** An absolute https URL, http on localhost, or a path on this page's origin. */
export function checkUrl(value: string, base: string, sameOriginOnly = false): string | undefined {
  // an absolute http(s) URL or a path starting with one "/": no bare words, no "//host"
  if (!/^(https?:\/\/|\/(?!\/))/i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  const origin = new URL(base).origin;
  if (sameOriginOnly) return url.origin === origin ? url.href : undefined;
  if (url.origin === origin) return url.href;
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname))) return url.href;
  return undefined;
}

export function parseConfig(data: DOMStringMap, base: string): ConfigResult {
  const errors: string[] = [];
  const bad = (attr: string, why: string, value?: string) =>
    errors.push(`data-${attr}${value !== undefined ? `=${excerpt(value)}` : ''}: ${why}`);

  let backend = data.backend?.trim();
  if (!backend) bad('backend', 'missing; use "mock" or the URL of your chat backend');
  else if (backend !== 'mock') {
    const url = checkUrl(backend, base);
    if (!url) bad('backend', 'must be "mock", an https URL, or a path on this site', backend), (backend = undefined);
    else backend = url;
  }

  const auth = data.auth?.trim() || 'bff';
  if (auth !== 'bff' && auth !== 'oidc') bad('auth', 'must be "bff" or "oidc"', auth);

  let loginUrl: string | undefined;
  if (data.loginUrl) {
    loginUrl = checkUrl(data.loginUrl.trim(), base);
    if (!loginUrl) bad('login-url', 'must be an https URL or a path on this site', data.loginUrl);
  }

  const methods = (data.loginMethods ?? 'bankid freja').trim().split(/[\s,]+/).filter(Boolean);
  const loginMethods = methods.filter((m): m is 'bankid' | 'freja' => m === 'bankid' || m === 'freja');
  if (loginMethods.length !== methods.length || loginMethods.length === 0) {
    bad('login-methods', 'must list "bankid" and/or "freja"', data.loginMethods);
  }

  let oidcIssuer: string | undefined;
  if (data.oidcIssuer) {
    oidcIssuer = checkUrl(data.oidcIssuer.trim(), base);
    if (!oidcIssuer) bad('oidc-issuer', 'must be an https URL', data.oidcIssuer);
  }
  const oidcClientId = data.oidcClientId?.trim() || undefined;
  if (auth === 'oidc' && (!oidcIssuer || !oidcClientId)) {
    if (!data.oidcIssuer) bad('oidc-issuer', 'is required when data-auth="oidc"');
    if (!oidcClientId) bad('oidc-client-id', 'is required when data-auth="oidc"');
  }

  const position = data.position?.trim() || 'right';
  if (position !== 'left' && position !== 'right') bad('position', 'must be "left" or "right"', position);

  let inactivityMinutes = 15;
  if (data.inactivityMinutes !== undefined) {
    const n = Number(data.inactivityMinutes);
    if (!Number.isInteger(n) || n < 1 || n > 240) bad('inactivity-minutes', 'must be a whole number from 1 to 240', data.inactivityMinutes);
    else inactivityMinutes = n;
  }

  let questionnaire: string | undefined;
  if (data.questionnaire) {
    questionnaire = checkUrl(data.questionnaire.trim(), base, true);
    if (!questionnaire) bad('questionnaire', 'must be a URL on this site', data.questionnaire);
  }

  const clinicName = data.clinicName?.trim().slice(0, 120) || undefined;
  const locale = data.locale?.trim() || undefined;
  if (locale && !/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$/.test(locale)) bad('locale', 'must be a language tag like "sv" or "en"', locale);

  if (errors.length || !backend) return { config: undefined, errors };
  const config: WidgetConfig = {
    backend, auth: auth as 'bff' | 'oidc', loginMethods, position: position as 'left' | 'right', inactivityMinutes,
    oidcScopes: data.oidcScopes?.trim() || 'openid profile',
    acrValues: {
      bankid: data.acrBankid?.trim() || 'urn:grn:authn:se:bankid',
      freja: data.acrFreja?.trim() || 'urn:grn:authn:se:frejaid',
    },
    exposeContent: data.exposeContent !== undefined && data.exposeContent !== 'false',
  };
  if (loginUrl) config.loginUrl = loginUrl;
  if (oidcIssuer) config.oidcIssuer = oidcIssuer;
  if (oidcClientId) config.oidcClientId = oidcClientId;
  if (locale) config.locale = locale;
  if (clinicName) config.clinicName = clinicName;
  if (questionnaire) config.questionnaire = questionnaire;
  return { config, errors };
}
