import { z } from 'zod';

/** One validation finding (CONTRACT §3 "Validation message"). */
export const ValidationMessageSchema = z.object({
  /** istioctl analyze code (IST0xxx) where istioctl has the rule, else the Kiali code (KIAxxxx). */
  code: z.string(),
  /** istioctl message name (e.g. ReferencedResourceNotFound) or the Kiali check key. */
  name: z.string(),
  level: z.enum(['Error', 'Warning', 'Info']),
  /** `Kind namespace/name`, or `Kind name` where the object has no namespace. */
  resource: z.string(),
  /** Dotted field path inside the object, e.g. `spec.http[0].route[1].destination.subset`. */
  path: z.string().optional(),
  message: z.string(),
  /** The other catalogue's code for the same rule (a KIA code for an IST message, or the reverse). */
  aliases: z.array(z.string()).optional(),
  /** Source file of the object, when it came from a file. */
  file: z.string().optional(),
  /** 1-based line and column of `path` in the source YAML, when known. */
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});

export type ValidationMessage = z.infer<typeof ValidationMessageSchema>;

/** `POST /api/istio/validate` answer. */
export const ValidateResponseSchema = z.object({ messages: z.array(ValidationMessageSchema) });
export type ValidateResponse = z.infer<typeof ValidateResponseSchema>;
