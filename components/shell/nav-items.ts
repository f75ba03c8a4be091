/** The top-level sections, in nav order. `key` is the shortcut after pressing `g` (g o, g g, g a, g w, g s, g t, g c). */
export const NAV_ITEMS = [
  { href: '/', label: 'Overview', key: 'o' },
  { href: '/graph', label: 'Graph', key: 'g' },
  { href: '/applications', label: 'Applications', key: 'a' },
  { href: '/workloads', label: 'Workloads', key: 'w' },
  { href: '/services', label: 'Services', key: 's' },
  { href: '/traces', label: 'Traces', key: 't' },
  { href: '/config', label: 'Istio Config', key: 'c' },
] as const;

export type NavItem = (typeof NAV_ITEMS)[number];

/** Whether `pathname` is inside the section at `href` (`/` only matches itself). */
export function isActive(href: string, pathname: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}
