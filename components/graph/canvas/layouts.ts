import type { LayoutOptions } from 'cytoscape';
import type { LayoutName } from '../graph-url-state';

/**
 * Layout options. Dagre reads left to right like a request path (ingress on the left); fcose is a force layout
 * for big, tangled meshes. `incremental` (a refresh that added elements) starts fcose from the current
 * positions so the picture does not jump.
 */
export function layoutOptions(name: LayoutName, nodeCount: number, incremental: boolean, padding = 30): LayoutOptions {
  const animate = nodeCount < 150;
  if (name === 'dagre') {
    return {
      name: 'dagre',
      rankDir: 'LR',
      nodeSep: 30,
      rankSep: nodeCount > 200 ? 60 : 90,
      edgeSep: 10,
      fit: true,
      padding,
      animate,
      animationDuration: 250,
    } as LayoutOptions;
  }
  return {
    name: 'fcose',
    quality: nodeCount > 500 ? 'draft' : 'default',
    randomize: !incremental,
    animate,
    animationDuration: 300,
    fit: true,
    padding,
    nodeRepulsion: 6500,
    idealEdgeLength: 90,
    nodeSeparation: 60,
    packComponents: true,
  } as LayoutOptions;
}
