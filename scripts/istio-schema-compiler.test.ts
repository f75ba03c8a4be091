import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCrds, renderModule } from './istio-schema-compiler';

const CRDS = resolve(import.meta.dirname, '..', '..', 'shared', 'conformance', 'crds', 'crd-all.gen.yaml');
const GENERATED = resolve(import.meta.dirname, '..', 'lib', 'istio', 'schema', 'crd-schemas.gen.ts');
if (!existsSync(CRDS)) console.warn(`Istio CRDs not found at ${CRDS}: schema agreement test skipped`);

describe.skipIf(!existsSync(CRDS))('generated Istio CRD schemas', () => {
  it('agree with the CRDs they were generated from (regenerate with scripts/generate-istio-schemas.ts)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(renderModule(compileCrds(readFileSync(CRDS, 'utf8'))));
  });
});
