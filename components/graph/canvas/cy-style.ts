import type { StylesheetStyle } from 'cytoscape';
import { NODE_SHAPES, PALETTE } from './palette';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif';

/** The graph's stylesheet: shapes by node type, colours by health, classes for find/hide/selection. */
export function graphStylesheet(): StylesheetStyle[] {
  return [
    {
      selector: 'node',
      style: {
        shape: NODE_SHAPES.app,
        width: 36,
        height: 36,
        'background-color': PALETTE.nodeFill,
        'border-width': 1.5,
        'border-color': PALETTE.nodeBorder,
        label: 'data(label)',
        color: PALETTE.nodeText,
        'font-family': FONT,
        'font-size': 12,
        'text-wrap': 'wrap',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-outline-color': PALETTE.textOutline,
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
      },
    },
    { selector: 'node[nodeType = "service"]', style: { shape: NODE_SHAPES.service, width: 38, height: 32 } },
    { selector: 'node[nodeType = "workload"]', style: { shape: NODE_SHAPES.workload } },
    { selector: 'node[nodeType = "unknown"]', style: { shape: NODE_SHAPES.unknown, 'border-style': 'dashed' } },
    { selector: 'node[outside = 1]', style: { 'background-color': PALETTE.bg } },
    { selector: 'node[serviceEntry = 1]', style: { shape: NODE_SHAPES.serviceEntry, width: 40, height: 28 } },
    { selector: 'node[health = "Degraded"]', style: { 'border-color': PALETTE.warn, 'border-width': 2.5 } },
    { selector: 'node[health = "Failure"]', style: { 'border-color': PALETTE.err, 'border-width': 2.5 } },
    { selector: 'node[outOfMesh = 1]', style: { 'border-style': 'dashed' } },
    { selector: 'node[root = 1]', style: { 'border-width': 3, 'border-style': 'double' } },
    { selector: 'node[idle = 1]', style: { opacity: 0.55 } },
    // Config with validation errors: a red double border and a marker in the label, as Kiali's badge does.
    { selector: 'node[configErrors > 0]', style: { 'border-color': PALETTE.err, 'border-width': 3, 'border-style': 'double' } },
    {
      selector: 'node[nodeType = "box"], :parent',
      style: {
        shape: NODE_SHAPES.box,
        'background-color': PALETTE.boxFill,
        'background-opacity': 0.6,
        'border-color': PALETTE.boxBorder,
        'border-width': 1,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        padding: '14px',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'curve-style': 'bezier',
        'line-color': PALETTE.ok,
        'target-arrow-color': PALETTE.ok,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 10,
        color: PALETTE.edgeText,
        'text-wrap': 'wrap',
        'text-rotation': 'none',
        // A solid plate behind edge labels: the line would otherwise show through the gaps between words.
        'text-background-color': PALETTE.bg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'text-background-shape': 'roundrectangle',
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'edge[state = "degraded"]', style: { 'line-color': PALETTE.warn, 'target-arrow-color': PALETTE.warn } },
    { selector: 'edge[state = "failure"]', style: { 'line-color': PALETTE.err, 'target-arrow-color': PALETTE.err } },
    { selector: 'edge[state = "tcp"]', style: { 'line-color': PALETTE.tcp, 'target-arrow-color': PALETTE.tcp } },
    {
      selector: 'edge[state = "idle"]',
      style: { 'line-color': PALETTE.idle, 'target-arrow-color': PALETTE.idle, 'line-style': 'dashed' },
    },
    { selector: '.animated', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    {
      selector: 'node:selected',
      style: { 'border-color': PALETTE.selected, 'border-width': 3, 'background-color': PALETTE.nodeFillHover },
    },
    {
      selector: 'edge:selected',
      style: { 'line-color': PALETTE.selected, 'target-arrow-color': PALETTE.selected, width: 4, color: '#fff' },
    },
    { selector: '.find', style: { 'overlay-color': PALETTE.find, 'overlay-opacity': 0.3, 'overlay-padding': 6 } },
    { selector: '.dim', style: { opacity: 0.25 } },
    { selector: '.hover-dim', style: { opacity: 0.4 } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: 'node.hover', style: { 'background-color': PALETTE.nodeFillHover, 'border-color': PALETTE.selected } },
  ];
}
