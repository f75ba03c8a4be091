// Generates lib/istio/schema/crd-schemas.gen.ts from Istio's CRD bundle (crd-all.gen.yaml), so the product
// carries the schemas as code and never reads CRD files at run time.
// Usage: tsx scripts/generate-istio-schemas.ts [crd-all.gen.yaml] [out.ts]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileCrds, renderModule } from './istio-schema-compiler';

const src = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..', '..', 'shared', 'conformance', 'crds', 'crd-all.gen.yaml'));
const out = resolve(process.argv[3] ?? resolve(import.meta.dirname, '..', 'lib', 'istio', 'schema', 'crd-schemas.gen.ts'));
const compiled = compileCrds(readFileSync(src, 'utf8'));
writeFileSync(out, renderModule(compiled));
console.log(`wrote ${out}: ${Object.keys(compiled.schemas).length} kinds, ${Object.keys(compiled.versions).length} group/kinds`);
