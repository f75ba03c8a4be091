/** Canvas colours (Cytoscape cannot read CSS variables); keep in step with app/globals.css. */
export const PALETTE = {
  bg: '#111217',
  nodeFill: '#22252b',
  nodeFillHover: '#2a2f38',
  nodeBorder: '#8e96a3',
  nodeText: '#e6e9ef',
  textOutline: '#111217',
  boxFill: '#181b1f',
  boxBorder: '#3d434d',
  selected: '#5794f2',
  find: '#b877d9',
  ok: '#56a64b',
  warn: '#f2a33a',
  err: '#e0464e',
  tcp: '#4e8fd8',
  idle: '#636b78',
  edgeText: '#c7ccd5',
  lock: '#e6e9ef',
} as const;

/** Kiali's shapes by node type, so Kiali users read our graph without a legend. */
export const NODE_SHAPES = {
  app: 'round-rectangle',
  service: 'round-triangle',
  workload: 'ellipse',
  unknown: 'diamond',
  serviceEntry: 'round-tag',
  box: 'round-rectangle',
} as const;
