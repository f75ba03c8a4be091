'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/components/data/api-client';
import { Button } from '@/components/ui/Button';
import { PageHeader } from '@/components/ui/PageHeader';
import { Panel } from '@/components/ui/Panel';
import { ErrorState, LoadingState } from '@/components/ui/States';
import { TextInput } from '@/components/ui/TextInput';
import { safeNext, signIn } from './auth-client';
import { useAuthInfo } from './use-auth-info';

/** Words for a refused sign-in: the server's message, with what to do next. */
function explain(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 429) return `${err.message}.`;
    if (err.status === 401) return 'The cluster did not accept this token. It may have expired, been revoked, or belong to another cluster.';
    return err.message;
  }
  return 'Sign-in failed.';
}

/** `/login`: sign in with a Kubernetes bearer token (token mode); the cluster's RBAC then decides what you see. */
export function LoginPage() {
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const info = useAuthInfo();
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!token.trim()) {
      setError('Paste a Kubernetes token first.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await signIn(token.trim());
      setToken('');
      await queryClient.invalidateQueries();
      // A full navigation: every page's data is fetched again under the new identity.
      window.location.assign(next);
    } catch (err) {
      setError(explain(err));
      setBusy(false);
    }
  }

  if (info.isPending) return <LoadingState label="Checking sign-in…" />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  const { strategy, user } = info.data;

  return (
    <div className="auth-page">
      <PageHeader title="Sign in" description="Meshlens shows what your Kubernetes permissions allow you to see and change." />
      {strategy !== 'token' ? (
        <Panel title="No sign-in needed">
          <p>
            {strategy === 'header' ? 'This Meshlens is behind an authenticating proxy, which signs you in.' : 'This Meshlens is open without sign-in.'}{' '}
            <a href={next}>Continue</a>
          </p>
        </Panel>
      ) : (
        <Panel title="Kubernetes token">
          {user ? (
            <p className="auth-current" data-testid="auth-current-user">
              Signed in as <strong>{user.name}</strong>. <a href={next}>Continue</a>, or sign in as someone else below.
            </p>
          ) : null}
          <form className="auth-form" onSubmit={(e) => void submit(e)} aria-label="Sign in with a Kubernetes token">
            <TextInput
              label="Bearer token"
              name="token"
              type="password"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              value={token}
              onChange={(e) => setToken(e.target.value)}
              error={error}
              disabled={busy}
            />
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </Button>
          </form>
          <p className="auth-hint">
            Get a token with <code>kubectl create token &lt;service-account&gt; -n &lt;namespace&gt;</code>, or use the one in your kubeconfig. It is checked
            with the cluster (TokenReview) and kept only in an encrypted, HttpOnly session cookie.
          </p>
        </Panel>
      )}
    </div>
  );
}
