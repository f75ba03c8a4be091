import { arr, dig, rec, str, strMap } from './read';

/**
 * Whether a Kubernetes LabelSelector (`matchLabels` plus `matchExpressions` with In, NotIn, Exists,
 * DoesNotExist) matches a label set. An absent selector matches everything; an unknown operator matches nothing.
 */
export function labelSelectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (selector === undefined || selector === null) return true;
  if (!rec(selector)) return false;
  for (const [k, v] of Object.entries(strMap(dig(selector, 'matchLabels')) ?? {})) if (labels[k] !== v) return false;
  for (const e of arr(dig(selector, 'matchExpressions'))) {
    const key = str(dig(e, 'key')) ?? '';
    const values = arr(dig(e, 'values')).filter((v): v is string => typeof v === 'string');
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (str(dig(e, 'operator'))) {
      case 'In':
        if (!has || !values.includes(labels[key] as string)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key] as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
