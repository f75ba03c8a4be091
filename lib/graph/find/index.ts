/**
 * The graph find/hide language (Kiali's, extended with parentheses, `&&`/`||` and precedence).
 * `compileFind(src)` → a matcher; `findIds`/`hideIds` apply it to a graph. Pure: no Cytoscape here.
 */
export { compileFind, type CompileResult, type FindMatcher } from './compile';
export { findIds, hideIds, type FindGraph } from './apply';
export { FIELDS, FLAGS, type FindElement } from './fields';
