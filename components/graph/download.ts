/** Saves a blob as a file through a temporary link (works without any server round trip). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `meshlens-graph-bookinfo-20260101-120000.png` */
export function exportName(namespaces: string[], timestampSec: number, ext: string): string {
  const iso = new Date(timestampSec * 1000).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `meshlens-graph-${namespaces.join('+') || 'all'}-${iso}.${ext}`;
}
