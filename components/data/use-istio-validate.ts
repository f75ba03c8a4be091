'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { parseAllDocuments } from 'yaml';
import { isApiErrorBody } from '@/lib/api/errors';
import { VALIDATE_IN_STORE_PATH, ValidateProblemSchema } from '@/lib/api/istio-config';
import { ValidateResponseSchema, type ValidationMessage } from '@/lib/api/validation';
import { ApiError } from './api-client';
import { istioKeys } from './use-istio-config';

/** What the validator said about one editor text: messages, or where the YAML stopped parsing. */
export interface LiveValidation {
  /** The exact text that was validated (positions refer to it). */
  text: string;
  messages: ValidationMessage[];
  syntax?: { message: string; line?: number; column?: number };
}

/** How long typing must pause before the text is validated. */
export const VALIDATE_DEBOUNCE_MS = 300;

/** `value`, once it has stopped changing for `ms`. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * Where the YAML stops parsing, found locally with the parser the server uses: half-typed text is the normal
 * state of an editor, and posting it would only earn a 400.
 */
export function localSyntaxProblem(text: string): LiveValidation['syntax'] {
  for (const doc of parseAllDocuments(text)) {
    const err = doc.errors[0];
    if (!err) continue;
    const pos = err.linePos?.[0];
    return { message: `YAML syntax error: ${err.message.split(' at line ')[0]?.split('\n')[0] ?? err.message}`, ...(pos ? { line: pos.line, column: pos.col } : {}) };
  }
  return undefined;
}

/** Posts YAML to the validator in the context of the live store; a 400 (malformed YAML) is an answer, not a failure. */
export async function validateYaml(text: string, signal?: AbortSignal): Promise<LiveValidation> {
  const syntax = localSyntaxProblem(text);
  if (syntax) return { text, messages: [], syntax };
  let res: Response;
  try {
    res = await fetch(VALIDATE_IN_STORE_PATH, { method: 'POST', headers: { 'content-type': 'application/yaml', accept: 'application/json' }, body: text, ...(signal ? { signal } : {}) });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Cannot reach the Meshlens server. Is it running?');
  }
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (res.status === 400) {
    const p = ValidateProblemSchema.safeParse(body);
    if (p.success) {
      const first = p.data.error.details?.problems[0];
      return { text, messages: [], syntax: { message: first?.message ?? p.data.error.message, ...(first?.line ? { line: first.line } : {}), ...(first?.column ? { column: first.column } : {}) } };
    }
  }
  if (!res.ok) throw isApiErrorBody(body) ? new ApiError(res.status, body.error.code, body.error.message) : new ApiError(res.status, 'http_error', `${res.status} from the validator`);
  const parsed = ValidateResponseSchema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, 'bad_response', 'Unexpected answer from the validator');
  return { text, messages: parsed.data.messages };
}

/**
 * Validates the editor's text as the user types: debounced, and a newer text makes the older request's query
 * unobserved, which aborts its fetch (the signal is passed on), so stale answers never land.
 */
export function useIstioLiveValidation(text: string, enabled = true) {
  const settled = useDebouncedValue(text, VALIDATE_DEBOUNCE_MS);
  const empty = settled.trim() === '';
  const query = useQuery({
    queryKey: istioKeys.validate(settled),
    queryFn: ({ signal }) => validateYaml(settled, signal),
    enabled: enabled && !empty,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    gcTime: 30_000,
    retry: false,
  });
  // Also report whether the newest text has been checked yet, so the UI can say "checking…".
  return { ...query, settled: settled === text && !query.isFetching, empty };
}
