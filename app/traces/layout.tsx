import type { ReactNode } from 'react';
import './traces.css';

// Only here to bring in the traces pages' styles.
export default function TracesLayout({ children }: { children: ReactNode }) {
  return children;
}
