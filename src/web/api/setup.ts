import { useMutation } from '@tanstack/react-query';
import { setupEndpoints as endpoints, type SetupAdminBody } from '../../shared/api/setup.js';
import { useSignIn } from './accounts.js';
import { call } from './endpoints.js';

/** Creates the first administrator with the server's one-time link, then signs in as them. */
export function useCreateFirstAdmin() {
  const signIn = useSignIn();
  return useMutation({
    mutationFn: async (body: SetupAdminBody) => {
      await call(endpoints.createFirstAdmin, { body });
      return signIn.mutateAsync({ email: body.email, password: body.password });
    },
  });
}
