import type { ReactNode } from 'react';
import '../styles/workloads.css';

// Only here to bring in the workload pages' styles.
export default function WorkloadsLayout({ children }: { children: ReactNode }) {
  return children;
}
