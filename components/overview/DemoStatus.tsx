import Link from 'next/link';
import { Badge } from '../ui/Badge';

/** Says whether the embedded Bookinfo demo runs, and where to look next. */
export function DemoStatus({ running, gatewayUrl }: { running: boolean; gatewayUrl?: string }) {
  return (
    <div className={`ov-demo ${running ? 'ov-demo-on' : 'ov-demo-off'}`} data-testid="demo-status" data-running={running}>
      <Badge tone={running ? 'ok' : 'muted'}>{running ? 'Demo running' : 'Demo off'}</Badge>
      {running ? (
        <span>
          The embedded Bookinfo mesh is generating traffic.{' '}
          <Link href="/graph?namespaces=bookinfo&graphType=versionedApp&duration=60s">See it on the graph →</Link>
          {gatewayUrl ? (
            <>
              {' '}
              Ingress gateway: <code>{gatewayUrl}</code>
            </>
          ) : null}
        </span>
      ) : (
        <span>
          No demo mesh. Start Meshlens with <code>--demo</code> to run Bookinfo, or point it at your mesh with{' '}
          <code>--prometheus-url</code>.
        </span>
      )}
    </div>
  );
}
