import type { ReactNode } from 'react';
import '../styles/workloads.css';

// Only here to bring in the application pages' styles.
export default function ApplicationsLayout({ children }: { children: ReactNode }) {
  return children;
}
