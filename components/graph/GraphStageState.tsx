import { ApiError } from '../data/api-client';
import { Button } from '../ui/Button';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';

export interface GraphStageStateProps {
  namespaces: string[];
  /** The namespaces Meshlens knows (undefined while the list loads or when it failed). */
  known: readonly string[] | undefined;
  namespacesError: unknown;
  namespacesPending: boolean;
  onRetryNamespaces: () => void;
  graphPending: boolean;
  /** The graph request's error when there is no graph to show for this view. */
  graphError: unknown;
  onRetryGraph: () => void;
  nodeCount: number;
  duration: string;
  idleNodes: boolean;
  onWiden: () => void;
  onShowIdle: () => void;
}

/**
 * What the stage says instead of (or before) a graph. An error is an error, with the server's message: an
 * unknown or forbidden namespace (404/403) never reads as an empty graph, so it is never offered "Show idle
 * nodes"; an empty answer for a namespace that exists says so and offers a wider window or idle nodes.
 */
export function GraphStageState(p: GraphStageStateProps) {
  if (p.namespaces.length === 0) {
    if (p.namespacesError) return <ErrorState error={p.namespacesError} onRetry={p.onRetryNamespaces} />;
    if (p.namespacesPending) return <LoadingState label="Loading namespaces…" />;
    return <EmptyState title="No namespace selected" detail="Pick one or more namespaces to draw their graph." />;
  }
  if (p.graphPending) return <LoadingState label="Loading graph…" />;
  if (p.graphError) {
    // Asking again does not change a 4xx answer (unknown namespace, not allowed): no Retry for those.
    const clientError = p.graphError instanceof ApiError && p.graphError.isClientError;
    return <ErrorState error={p.graphError} onRetry={clientError ? undefined : p.onRetryGraph} />;
  }
  if (p.nodeCount > 0) return null;
  // A server that answers an unknown namespace with an empty graph (older ones did) must not read as "no
  // traffic, show idle nodes" either: the namespace list says which names exist (a server that 404s them
  // never gets here).
  const unknown = p.known ? p.namespaces.filter((ns) => !p.known?.includes(ns)) : [];
  if (unknown.length > 0) {
    return (
      <div className="ui-state ui-state-error" role="alert">
        <span className="ui-state-title">Unknown namespace</span>
        <span className="ui-state-detail">
          {unknown.map((ns) => `"${ns}"`).join(', ')} {unknown.length === 1 ? 'is' : 'are'} not among the namespaces Meshlens lists, and no traffic was seen for{' '}
          {unknown.length === 1 ? 'it' : 'them'}. Pick a namespace from the list.
        </span>
      </div>
    );
  }
  return (
    <EmptyState
      title="No traffic"
      detail={`Nothing was seen in ${p.namespaces.join(', ')} in the last ${p.duration}. Widen the window, or show idle nodes.`}
      actions={
        <>
          {p.duration !== '1h' ? <Button onClick={p.onWiden}>Last 1h</Button> : null}
          {!p.idleNodes ? <Button onClick={p.onShowIdle}>Show idle nodes</Button> : null}
        </>
      }
    />
  );
}
