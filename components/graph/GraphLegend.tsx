import { PALETTE } from './canvas/palette';

const S = 22;

function Shape({ d, dashed, double, fill = PALETTE.nodeFill, stroke = PALETTE.nodeBorder }: { d: string; dashed?: boolean; double?: boolean; fill?: string; stroke?: string }) {
  return (
    <svg width={S} height={S} viewBox="0 0 22 22" aria-hidden="true">
      <path d={d} fill={fill} stroke={stroke} strokeWidth={double ? 3 : 1.5} strokeDasharray={dashed ? '3 2' : undefined} />
    </svg>
  );
}

const RECT = 'M5 4h12a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H5a3 3 0 0 1-3-3V7a3 3 0 0 1 3-3z';
const TRI = 'M11 3l9 16H2z';
const CIRCLE = 'M11 3a8 8 0 1 1 0 16a8 8 0 1 1 0-16z';
const DIAMOND = 'M11 2l9 9-9 9-9-9z';
const TAG = 'M3 5h11l5 6-5 6H3z';

function Edge({ color, dashed }: { color: string; dashed?: boolean }) {
  return (
    <svg width={30} height={S} viewBox="0 0 30 22" aria-hidden="true">
      <line x1={2} y1={11} x2={22} y2={11} stroke={color} strokeWidth={2} strokeDasharray={dashed ? '4 3' : undefined} />
      <path d="M22 7l6 4-6 4z" fill={color} />
    </svg>
  );
}

/** What the shapes, borders and colours mean. Shapes follow Kiali's so its users feel at home. */
export function GraphLegend() {
  const rows: [React.ReactNode, string][] = [
    [<Shape key="a" d={RECT} />, 'App (versioned: app + version)'],
    [<Shape key="s" d={TRI} />, 'Service'],
    [<Shape key="w" d={CIRCLE} />, 'Workload'],
    [<Shape key="u" d={DIAMOND} dashed />, 'Unknown source'],
    [<Shape key="se" d={TAG} fill={PALETTE.bg} />, 'Service entry (external host)'],
    [<Shape key="d" d={CIRCLE} stroke={PALETTE.warn} />, 'Degraded (border)'],
    [<Shape key="f" d={CIRCLE} stroke={PALETTE.err} />, 'Failure (border)'],
    [<Shape key="ns" d={CIRCLE} dashed />, 'No sidecar (dashed border)'],
    [<Shape key="r" d={CIRCLE} double />, 'Traffic source (thick border)'],
    [<Edge key="eh" color={PALETTE.ok} />, 'Healthy HTTP/gRPC'],
    [<Edge key="ed" color={PALETTE.warn} />, 'Degraded (errors above warning)'],
    [<Edge key="ef" color={PALETTE.err} />, 'Failure (errors above failure)'],
    [<Edge key="et" color={PALETTE.tcp} />, 'TCP'],
    [<Edge key="ei" color={PALETTE.idle} dashed />, 'No traffic in window'],
    [
      <svg key="lock" width={S} height={S} viewBox="0 0 22 22" aria-hidden="true">
        <path d="M8 10V8a3 3 0 0 1 6 0v2" fill="none" stroke={PALETTE.lock} strokeWidth={1.6} />
        <rect x={6.5} y={10} width={9} height={7} fill={PALETTE.lock} />
      </svg>,
      'mTLS on the edge',
    ],
    [
      <svg key="dots" width={30} height={S} viewBox="0 0 30 22" aria-hidden="true">
        <line x1={2} y1={11} x2={28} y2={11} stroke={PALETTE.ok} strokeWidth={1} opacity={0.4} />
        {[6, 15, 24].map((x) => (
          <circle key={x} cx={x} cy={11} r={2.4} fill={PALETTE.ok} />
        ))}
      </svg>,
      'Traffic animation: more and faster dots = more requests',
    ],
  ];
  return (
    <div className="gr-legend" role="dialog" aria-label="Legend" data-testid="graph-legend">
      <h2>Legend</h2>
      <ul>
        {rows.map(([icon, text]) => (
          <li key={text}>
            <span className="gr-legend-icon">{icon}</span>
            {text}
          </li>
        ))}
      </ul>
    </div>
  );
}
