'use client';

import { useEffect, useRef } from 'react';
import { Button } from '../ui/Button';
import { Kbd } from '../ui/Kbd';
import { NAV_ITEMS } from './nav-items';

const PAGE_SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['/'], what: 'Graph: focus Find' },
  { keys: ['f'], what: 'Graph: fit to screen' },
  { keys: ['l'], what: 'Graph: re-run layout' },
  { keys: ['a'], what: 'Graph: toggle traffic animation' },
  { keys: ['Esc'], what: 'Graph: clear selection / close panel' },
  { keys: ['←', '↑', '→', '↓'], what: 'Graph canvas (focused): pan; Shift for bigger steps' },
  { keys: ['+', '−'], what: 'Graph canvas (focused): zoom in / out' },
  { keys: ['/'], what: 'Istio Config list: focus search' },
  { keys: ['Ctrl/⌘', 'S'], what: 'Config editor: review and save' },
  { keys: ['F8'], what: 'Config editor: next problem' },
  { keys: ['Ctrl', 'Space'], what: 'Config editor: complete a field or value' },
  { keys: ['Ctrl/⌘', 'Z'], what: 'Config editor: undo (Shift to redo)' },
  { keys: ['Ctrl/⌘', ']'], what: 'Config editor: indent ([ to outdent)' },
  { keys: ['←', '→'], what: 'Service page: move between wizard tabs; sliders move by 1 (PgUp/PgDn by 10)' },
];

/** The `?` help: a native modal <dialog>, so focus trapping and Esc come from the browser. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shell-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <header className="ui-panel-header">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <Button variant="ghost" icon aria-label="Close" onClick={onClose}>
          ✕
        </Button>
      </header>
      <div className="ui-panel-body">
        <dl className="ui-kv">
          {NAV_ITEMS.map((i) => (
            <Row key={i.href} keys={['g', i.key]} what={`Go to ${i.label}`} sep=" then " />
          ))}
          {PAGE_SHORTCUTS.map((s) => (
            <Row key={s.what} keys={s.keys} what={s.what} />
          ))}
          <Row keys={['?']} what="Show or hide this help" />
        </dl>
      </div>
    </dialog>
  );
}

function Row({ keys, what, sep = ' / ' }: { keys: string[]; what: string; sep?: string }) {
  return (
    <>
      <dt>
        {keys.map((k, i) => (
          <span key={k + String(i)}>
            {i > 0 ? sep : null}
            <Kbd>{k}</Kbd>
          </span>
        ))}
      </dt>
      <dd>{what}</dd>
    </>
  );
}
