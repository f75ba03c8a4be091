// The layout plugins ship no types; each default-exports a Cytoscape extension registrar.
declare module 'cytoscape-dagre' {
  import type { Ext } from 'cytoscape';
  const register: Ext;
  export default register;
}

declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';
  const register: Ext;
  export default register;
}
