import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { emailEndpoints as endpoints, type PasswordResetBody } from '../../shared/api/email.js';
import { accountKeys } from './accounts.js';
import { call } from './endpoints.js';

/** Every query about this site's email, in one place. */
export const emailKeys = {
  site: ['site', 'email'] as const,
};

/** Whether this site sends email (it does not change while the page is open). */
export function useSiteEmail() {
  return useQuery({
    queryKey: emailKeys.site,
    queryFn: ({ signal }) => call(endpoints.site, {}, { signal }),
    staleTime: Infinity,
  });
}

/** "Forgot password?": the answer is the same whether or not the email has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => call(endpoints.requestPasswordReset, { body: { email } }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: PasswordResetBody) => call(endpoints.resetPassword, { body }),
  });
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => call(endpoints.verifyEmail, { body: { token } }),
    // Whoever is signed in here may be the account just verified: ask again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.me }),
  });
}

export function useResendVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(endpoints.resendVerification),
    onSuccess: (sent) => {
      if (sent.alreadyVerified) void queryClient.invalidateQueries({ queryKey: accountKeys.me });
    },
  });
}

/** An admin's one-time reset link for someone else, shown once. */
export function useAdminResetLink() {
  return useMutation({
    mutationFn: (userId: string) => call(endpoints.adminResetLink, { params: { id: userId } }),
  });
}

/** The `token` of a link's fragment (`#token=…`), which never reaches any server by itself. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}
