'use client';

import { useEffect, useState } from 'react';

/** The wall clock, re-read every `ms` (for "5s ago" labels); 0 until mounted so server and client render alike. */
export function useNow(ms = 5_000): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
