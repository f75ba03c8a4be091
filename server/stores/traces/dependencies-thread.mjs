// Entry of the dependencies worker thread. Plain JavaScript so Node can start it as is; it registers tsx and
// then loads the TypeScript body. The thread must register tsx itself: bin/meshlens registers it
// programmatically (a worker does not inherit that), and under vitest the parent's transform never reaches a
// worker. When the parent was started with tsx's --import (the tsx CLI, e.g. `npm run bench`), the worker
// inherits that too; registering again is harmless.
import { register } from 'tsx/esm/api';

register();
await import('./dependencies-thread.ts');
