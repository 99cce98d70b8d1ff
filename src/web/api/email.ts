import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { okSchema } from '../../shared/api/common.js';
import {
  adminResetLinkSchema,
  passwordResetRequestedSchema,
  siteEmailSchema,
  verificationSentSchema,
  type PasswordResetBody,
} from '../../shared/api/email.js';
import { api } from './client.js';
import { meQueryKey } from './query-client.js';

/** Whether this site sends email (it does not change while the page is open). */
export function useSiteEmail() {
  return useQuery({
    queryKey: ['site', 'email'],
    queryFn: ({ signal }) => api.get('site/email', siteEmailSchema, undefined, signal),
    staleTime: Infinity,
  });
}

/** "Forgot password?": the answer is the same whether or not the email has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api.post('auth/password-reset', passwordResetRequestedSchema, { email }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: PasswordResetBody) =>
      api.post('auth/password-reset/confirm', okSchema, body),
  });
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post('auth/email-verification/confirm', okSchema, { token }),
    // Whoever is signed in here may be the account just verified: ask again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export function useResendVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('me/email-verification', verificationSentSchema),
    onSuccess: (sent) => {
      if (sent.alreadyVerified) void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

/** An admin's one-time reset link for someone else, shown once. */
export function useAdminResetLink() {
  return useMutation({
    mutationFn: (userId: string) =>
      api.post(
        `admin/users/${encodeURIComponent(userId)}/password-reset-link`,
        adminResetLinkSchema,
      ),
  });
}

/** The `token` of a link's fragment (`#token=…`), which never reaches any server by itself. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}
