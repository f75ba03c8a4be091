'use client';

import { useCallback, useState, type ReactNode } from 'react';
import { LoadingState } from '../ui/States';
import { ClientOnly } from './ClientOnly';
import { NavBar } from './NavBar';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useGlobalShortcuts } from './use-global-shortcuts';

/** The frame around every page: skip link, nav bar, main landmark, global shortcuts. */
export function AppShell({ children }: { children: ReactNode }) {
  const [helpOpen, setHelpOpen] = useState(false);
  const toggleHelp = useCallback(() => setHelpOpen((o) => !o), []);
  useGlobalShortcuts(toggleHelp);
  return (
    <div className="shell">
      <a className="shell-skip" href="#main">
        Skip to content
      </a>
      <NavBar />
      <main id="main" className="shell-main" tabIndex={-1}>
        <ClientOnly fallback={<LoadingState />}>{children}</ClientOnly>
      </main>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
