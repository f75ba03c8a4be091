'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ZodType } from 'zod';
import { DeleteResultSchema, rollbackPath, WriteResultSchema, type WriteResult } from '@/lib/api/istio-config';
import { queryKeys } from './query-keys';
import { istioKeys } from './use-istio-config';
import { sendWrite, type WriteOutcome } from './use-istio-write';
import { trafficKeys } from './use-service-traffic';

type RollbackResult = WriteResult | { deleted: true; historyId: number };
const RollbackSchema: ZodType<RollbackResult> = WriteResultSchema.or(DeleteResultSchema);

/**
 * Undoes history entries in the order given (the caller puts the VirtualService first), stopping at the first
 * refusal or conflict, which is returned so the page can say why. Everything the undo touches is refreshed.
 */
export function useServiceUndo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (ids: readonly number[]): Promise<WriteOutcome<RollbackResult[]>> => {
      const done: RollbackResult[] = [];
      for (const id of ids) {
        const out = await sendWrite({ method: 'POST', path: rollbackPath(id, 'undo') }, RollbackSchema);
        if (out.kind !== 'ok') return out;
        done.push(out.data);
      }
      return { kind: 'ok', status: 200, data: done };
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: istioKeys.all });
      void qc.invalidateQueries({ queryKey: trafficKeys.all });
      void qc.invalidateQueries({ queryKey: queryKeys.graph.all });
    },
  });
}
