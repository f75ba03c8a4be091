import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoginPage } from '@/components/auth/LoginPage';
import { LoadingState } from '@/components/ui/States';
import './login.css';

export const metadata: Metadata = { title: 'Sign in' };

// `?next=` is read with useSearchParams, which needs a Suspense boundary.
export default function Login() {
  return (
    <Suspense fallback={<LoadingState label="Loading…" />}>
      <LoginPage />
    </Suspense>
  );
}
