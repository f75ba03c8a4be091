'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Kbd } from '../ui/Kbd';
import { NAV_ITEMS, isActive } from './nav-items';
import { ServerStatus } from './ServerStatus';
import { UserMenu } from '../auth/UserMenu';
import { ClientOnly } from './ClientOnly';

/** The top bar: brand, sections (with their `g <key>` shortcuts), server status. */
export function NavBar() {
  const pathname = usePathname() ?? '/';
  return (
    <nav className="shell-nav" aria-label="Main">
      <Link href="/" className="shell-brand" aria-label="Meshlens home">
        <Logo />
        Meshlens
      </Link>
      <ul className="shell-links">
        {NAV_ITEMS.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              className="shell-link"
              aria-current={isActive(item.href, pathname) ? 'page' : undefined}
              title={`${item.label} (g then ${item.key})`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
      <span className="shell-spacer" />
      <span className="shell-status" aria-hidden="true">
        <Kbd>?</Kbd> shortcuts
      </span>
      <ClientOnly>
        <ServerStatus />
        <UserMenu />
      </ClientOnly>
    </nav>
  );
}

function Logo() {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
      <circle cx="10" cy="10" r="8.5" fill="none" stroke="#5794f2" strokeWidth="1.5" />
      <circle cx="10" cy="5" r="2" fill="#5794f2" />
      <circle cx="5.5" cy="13" r="2" fill="#56a64b" />
      <circle cx="14.5" cy="13" r="2" fill="#f2a33a" />
      <path d="M10 5 5.5 13M10 5l4.5 8M5.5 13h9" stroke="#8e96a3" strokeWidth="1" />
    </svg>
  );
}
