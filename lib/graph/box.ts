/** Compound (box) nodes for `boxBy=app,namespace,cluster`, as Kiali's cytoscape config builds them. */
import { NODE_FLAGS_OFF, type NodeData } from '../api/graph';

type Box = 'app' | 'namespace' | 'cluster';

/** What boxing reads of a node (graph nodes and box nodes alike); it sets `parent`. */
export interface BoxableNode {
  id: string;
  nodeType: string;
  cluster: string;
  namespace: string;
  app?: string;
  isOutside: boolean;
  isOutOfMesh: boolean;
  parent?: string;
}

function boxNode(kind: Box, key: string, first: BoxableNode): NodeData {
  return {
    id: `box:${kind}:${key}`,
    nodeType: 'box',
    isBox: kind,
    cluster: first.cluster,
    namespace: kind === 'cluster' ? '' : first.namespace,
    ...(kind === 'app' && first.app ? { app: first.app } : {}),
    ...NODE_FLAGS_OFF,
  };
}

/** Adds box nodes (inner boxes first) and sets `parent` on their members; returns the new box nodes. */
export function addBoxes(nodes: readonly BoxableNode[], boxBy: readonly Box[]): NodeData[] {
  const added: NodeData[] = [];
  const pass = (kind: Box, keyOf: (n: BoxableNode) => string | undefined, minGroups: number) => {
    const groups = new Map<string, BoxableNode[]>();
    for (const n of [...nodes, ...added]) {
      if (n.parent !== undefined && kind !== 'app') continue;
      if (kind === 'app' && n.nodeType === 'box') continue;
      const k = keyOf(n);
      if (k === undefined) continue;
      const g = groups.get(k);
      if (g) g.push(n);
      else groups.set(k, [n]);
    }
    if (groups.size < minGroups) return;
    for (const [k, members] of groups) {
      if (members.length < 2) continue;
      const box = boxNode(kind, k, members[0] as BoxableNode);
      for (const m of members) {
        m.parent = box.id;
        if (kind === 'app') {
          box.isOutside ||= m.isOutside;
          box.isOutOfMesh ||= m.isOutOfMesh;
        }
      }
      added.push(box);
    }
  };
  if (boxBy.includes('app')) pass('app', (n) => (n.app && n.app !== 'unknown' ? `${n.cluster}:${n.namespace}:${n.app}` : undefined), 1);
  if (boxBy.includes('namespace')) pass('namespace', (n) => (n.namespace !== 'unknown' && n.nodeType !== 'unknown' ? `${n.cluster}:${n.namespace}` : undefined), 2);
  if (boxBy.includes('cluster')) pass('cluster', (n) => (n.cluster !== 'unknown' ? n.cluster : undefined), 2);
  return added;
}
