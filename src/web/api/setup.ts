import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { userSchema } from '../../shared/api/accounts.js';
import type { SetupAdminBody } from '../../shared/api/setup.js';
import { useSignIn } from './accounts.js';
import { api } from './client.js';

const userEnvelope = z.object({ user: userSchema });

/** Creates the first administrator with the server's one-time link, then signs in as them. */
export function useCreateFirstAdmin() {
  const signIn = useSignIn();
  return useMutation({
    mutationFn: async (body: SetupAdminBody) => {
      await api.post('setup/admin', userEnvelope, body);
      return signIn.mutateAsync({ email: body.email, password: body.password });
    },
  });
}
