import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { LoadingState } from '../components/LoadingState.js';

/**
 * A page in a chunk of its own, fetched the first time someone opens it: a worker's first visit
 * does not download the requester's designer or the admin pages. The layout around it stays on
 * screen while it loads.
 */
export function lazyPage<K extends string>(
  load: () => Promise<{ [P in K]: ComponentType }>,
  name: K,
): ReactElement {
  const Page = lazy(async (): Promise<{ default: ComponentType }> => ({
    default: (await load())[name],
  }));
  return (
    <Suspense fallback={<LoadingState />}>
      <Page />
    </Suspense>
  );
}
