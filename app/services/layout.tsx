import type { ReactNode } from 'react';
import '../styles/services.css';

// Only here to bring in the service pages' styles.
export default function ServicesLayout({ children }: { children: ReactNode }) {
  return children;
}
