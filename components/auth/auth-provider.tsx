// Signs people in with MSAL: creates the PublicClientApplication in the browser from the settings the
// server passed, keeps the active account current, and gives the API client its access tokens. Wraps
// every page but the redirect bridge, which must run outside MsalProvider.
'use client';
import {
  type AuthenticationResult,
  type EventMessage,
  EventType,
  type IPublicClientApplication,
  PublicClientApplication,
} from '@azure/msal-browser';
import { MsalProvider } from '@azure/msal-react';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { setApiTokenProvider } from '@/components/api/api-client';
import { type BrowserAuthConfig, msalConfiguration } from '@/lib/auth/msal-config';
import { createApiTokenProvider } from './api-token-provider';

interface AuthContextValue {
  config: BrowserAuthConfig;
  /** The last failure while finishing a sign-in (the provider's answer could not be used), for the sign-in page. */
  redirectError: unknown;
  clearRedirectError: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuthContext(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuthContext must be used inside AuthProvider');
  return value;
}

function keepActiveAccount(instance: IPublicClientApplication, message: EventMessage): void {
  if (
    message.eventType === EventType.LOGIN_SUCCESS ||
    message.eventType === EventType.ACQUIRE_TOKEN_SUCCESS
  ) {
    const account = (message.payload as AuthenticationResult | null)?.account;
    if (account) instance.setActiveAccount(account);
  } else if (message.eventType === EventType.INITIALIZE_END && !instance.getActiveAccount()) {
    const [first] = instance.getAllAccounts();
    if (first) instance.setActiveAccount(first);
  }
}

export function AuthProvider({ config, children }: { config: BrowserAuthConfig; children: ReactNode }) {
  const { clientId, authority, apiScope } = config;
  const [instance, setInstance] = useState<PublicClientApplication | null>(null);
  const [redirectError, setRedirectError] = useState<unknown>(null);

  // MSAL needs the browser (crypto, storage, location): it is created here, never at module level or on the server.
  useEffect(() => {
    const settings = { clientId, authority, apiScope };
    const pca = new PublicClientApplication(msalConfiguration(settings, window.location.origin));
    let handlingRedirect = false;
    const callbackId = pca.addEventCallback((message) => {
      keepActiveAccount(pca, message);
      if (message.eventType === EventType.HANDLE_REDIRECT_START) handlingRedirect = true;
      else if (message.eventType === EventType.HANDLE_REDIRECT_END) handlingRedirect = false;
      else if (message.eventType === EventType.ACQUIRE_TOKEN_FAILURE && handlingRedirect) {
        setRedirectError(message.error);
      }
    });
    setApiTokenProvider(createApiTokenProvider(pca, apiScope));
    setInstance(pca);
    return () => {
      if (callbackId) pca.removeEventCallback(callbackId);
      setApiTokenProvider(null);
    };
  }, [clientId, authority, apiScope]);

  const context = useMemo<AuthContextValue>(
    () => ({
      config: { clientId, authority, apiScope },
      redirectError,
      clearRedirectError: () => setRedirectError(null),
    }),
    [clientId, authority, apiScope, redirectError],
  );

  if (!instance) {
    return (
      <noscript>
        <p className="p-6">Huntboard needs JavaScript to sign you in.</p>
      </noscript>
    );
  }
  return (
    <AuthContext.Provider value={context}>
      <MsalProvider instance={instance}>{children}</MsalProvider>
    </AuthContext.Provider>
  );
}
