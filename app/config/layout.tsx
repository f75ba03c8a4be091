import type { ReactNode } from 'react';
import '../styles/config.css';

// Only here to bring in the config pages' styles.
export default function ConfigLayout({ children }: { children: ReactNode }) {
  return children;
}
