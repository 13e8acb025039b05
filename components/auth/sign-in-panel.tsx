// The sign-in page's content: one button that goes to the identity provider, and when the provider cannot
// be used, what went wrong and what to do about it. Signed-in visitors go straight on to where they wanted.
'use client';
import { useMsal } from '@azure/msal-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { AlertIcon } from '@/components/ui/icons';
import { useAuthContext } from './auth-provider';
import {
  diagnoseSignInFailure,
  probeIdentityProvider,
  type SignInProblem,
  unreachableProblem,
} from './sign-in-problem';
import { useSignInState } from './use-sign-in-state';

export function SignInPanel({ returnTo }: { returnTo: string }) {
  const { instance } = useMsal();
  const { config, redirectError, clearRedirectError } = useAuthContext();
  const state = useSignInState();
  const router = useRouter();
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const [starting, setStarting] = useState(false);

  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (signedIn) router.replace(returnTo);
  }, [signedIn, returnTo, router]);

  // After sign-out the provider returns here with MSAL's `state`; once MSAL has read it, it is only clutter.
  const pending = state.status === 'pending';
  useEffect(() => {
    if (pending) return;
    const url = new URL(window.location.href);
    if (!url.searchParams.has('state')) return;
    url.searchParams.delete('state');
    window.history.replaceState(null, '', url.pathname + url.search);
  }, [pending]);

  // Say at once when the provider cannot be reached (typically its certificate), not only after a click.
  useEffect(() => {
    let current = true;
    probeIdentityProvider(config.authority).then((reachability) => {
      if (current && reachability === 'unreachable') setProblem(unreachableProblem(config.authority));
    });
    return () => {
      current = false;
    };
  }, [config.authority]);

  // A sign-in that came back from the provider but failed to complete on the page it returned to.
  useEffect(() => {
    if (!redirectError) return;
    clearRedirectError();
    void diagnoseSignInFailure(redirectError, config.authority).then(setProblem);
  }, [redirectError, clearRedirectError, config.authority]);

  const signIn = async () => {
    setStarting(true);
    setProblem(null);
    try {
      await instance.loginRedirect({
        scopes: [config.apiScope],
        redirectStartPage: new URL(returnTo, window.location.origin).href,
      });
    } catch (error) {
      setProblem(await diagnoseSignInFailure(error, config.authority));
      setStarting(false);
    }
  };

  const ready = state.status === 'signed-out';
  return (
    <main className="grid min-h-dvh place-items-center bg-bg p-6">
      <div className="w-full max-w-sm space-y-5 rounded-lg border border-line bg-surface p-6 shadow-sm">
        <div className="space-y-1">
          <p className="flex items-center gap-1.5 font-semibold text-[15px] tracking-tight">
            <span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-accent" />
            Huntboard
          </p>
          <h1 className="font-semibold text-lg">Sign in</h1>
          <p className="text-muted">
            Huntboard shows which devices run remote management tools. Sign in with your organisation’s
            account to see them.
          </p>
        </div>
        {problem && <ProblemNotice problem={problem} />}
        <Button
          variant="primary"
          className="h-8 w-full text-[14px]"
          disabled={!ready || starting}
          onClick={() => void signIn()}
        >
          {signedIn
            ? 'Signed in, taking you on…'
            : starting
              ? 'Going to sign-in…'
              : problem
                ? 'Try again'
                : 'Sign in'}
        </Button>
        <p className="text-muted text-xs">
          Signs in at <span className="font-mono">{new URL(config.authority).host}</span>.
        </p>
      </div>
    </main>
  );
}

function ProblemNotice({ problem }: { problem: SignInProblem }) {
  return (
    <div
      role="alert"
      className="flex items-start gap-2.5 rounded-md border border-danger/30 bg-danger-soft p-3"
    >
      <AlertIcon size={16} className="mt-0.5 shrink-0 text-danger" />
      <div className="min-w-0 space-y-1">
        <p className="font-semibold text-danger">{problem.title}</p>
        <p>
          {problem.link ? <ActionWithLink action={problem.action} link={problem.link} /> : problem.action}
        </p>
        {problem.detail && <p className="text-muted text-xs">{problem.detail}</p>}
      </div>
    </div>
  );
}

/** The action sentence with the link's text made a link where it appears (it opens in a new tab). */
function ActionWithLink({ action, link }: { action: string; link: NonNullable<SignInProblem['link']> }) {
  const at = action.indexOf(link.text);
  const anchor = (
    <a
      href={link.href}
      target="_blank"
      rel="noopener noreferrer"
      className="break-all font-medium text-accent underline underline-offset-2"
    >
      {link.text}
    </a>
  );
  if (at < 0) {
    return (
      <>
        {action} {anchor}
      </>
    );
  }
  return (
    <>
      {action.slice(0, at)}
      {anchor}
      {action.slice(at + link.text.length)}
    </>
  );
}
