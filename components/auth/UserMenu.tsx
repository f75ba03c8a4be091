'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { signOut } from './auth-client';
import { useAuthInfo } from './use-auth-info';

/** For the shell's nav bar: who is signed in, and a sign-out button (token mode); nothing when anonymous. */
export function UserMenu() {
  const info = useAuthInfo();
  const [busy, setBusy] = useState(false);
  const user = info.data?.user;
  if (!user) return null;
  return (
    <span className="ui-toolbar" data-testid="auth-user">
      <span title={user.groups.length ? `groups: ${user.groups.join(', ')}` : undefined}>{user.name}</span>
      {info.data?.strategy === 'token' ? (
        <Button
          variant="ghost"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void signOut()
              .catch(() => undefined)
              .finally(() => window.location.assign('/login'));
          }}
        >
          Sign out
        </Button>
      ) : null}
    </span>
  );
}
