let cached: boolean | undefined;

/**
 * Whether the browser has hardware-accelerated WebGL. Software WebGL (SwiftShader, llvmpipe: headless or GPU-less
 * machines) is slower than Cytoscape's 2D canvas — measured: 20 s vs 0.4 s to first draw 1,000 nodes — so
 * `auto` only picks the WebGL renderer when this is true.
 */
export function hasHardwareWebgl(): boolean {
  if (cached !== undefined) return cached;
  cached = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return cached;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    cached = !/swiftshader|llvmpipe|software|softpipe/i.test(name);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    cached = false;
  }
  return cached;
}
