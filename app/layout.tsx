import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/AppShell';
import { Providers } from '@/components/shell/Providers';
import './globals.css';
import './styles/overview.css';
import './styles/graph.css';

// Every page is rendered per request: its scripts carry that answer's CSP nonce (server/http/auth-headers.ts).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Meshlens', template: '%s · Meshlens' },
  description: 'Service graph, traces and validated traffic config for Istio meshes.',
  icons: { icon: '/favicon.svg' },
};

export const viewport: Viewport = { colorScheme: 'dark', themeColor: '#181b1f' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppShell>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
