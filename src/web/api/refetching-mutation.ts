import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * A change sent to the API, after which every query under `stale` is read again. The mutation
 * settles only once they are, so a list shows the change as soon as its form or dialog closes.
 * Changes whose answer can go into the cache as it is use useMutation and setQueryData instead.
 */
export function useRefetchingMutation<Variables, Result>(
  mutationFn: (variables: Variables) => Promise<Result>,
  stale: QueryKey,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: stale }),
  });
}
