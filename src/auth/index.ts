/**
 * Chooses the login strategy. The browser OIDC client (oauth4webapi) is imported only when the
 * widget is configured for it, so a BFF widget never downloads it.
 */
import { AuthError, AuthErrorCode, type AuthStrategy } from '../core/auth.js';
import type { ChatBackend } from '../core/backend.js';
import { backendStrategy, bffStrategy } from './bff.js';
import type { AuthConfig } from './config.js';

export type { AuthConfig } from './config.js';

export async function loadStrategy(config: AuthConfig | undefined, backend: ChatBackend | undefined): Promise<AuthStrategy> {
  if (config?.mode === 'oidc') return (await import('./oidc.js')).oidcStrategy(config);
  if (config?.loginUrl || config?.logoutUrl) return bffStrategy(config);
  if (backend?.login) return backendStrategy(backend);
  return {
    pendingCallback: () => false,
    completeCallback: async () => ({ ok: false, error: AuthErrorCode.NotConfigured }),
    login: async () => {
      throw new AuthError(AuthErrorCode.NotConfigured);
    },
    logout: async () => {},
  };
}
