import { Anchor, Card, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Earnings } from '../../../../shared/api/earnings.js';
import { formatCents } from '../../../../shared/money.js';
import { ApiError, isApiError } from '../../../api/client.js';
import { useRequestPayout } from '../../../api/earnings.js';
import { usePayoutMethod } from '../../../api/payout-method.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { paths } from '../../../lib/paths.js';
import { describeDestination } from '../../account/payout-method-form.js';
import { payoutEligibility, payoutErrorMessage } from './payout-rules.js';

/** Asks for all available earnings to be paid out, once the configured minimum is reached. */
export function PayoutRequestCard({ earnings }: { earnings: Earnings | undefined }) {
  const requestPayout = useRequestPayout();
  const method = usePayoutMethod();
  const destination = method.data?.payoutMethod ?? null;
  const eligibility =
    earnings && method.data ? payoutEligibility(earnings, method.data.payoutMethod) : null;
  const amount = earnings ? formatCents(earnings.availableCents) : '';
  const settingsLink = `${paths.settings}#payout`;

  const confirm = async () => {
    try {
      const payout = await requestPayout.mutateAsync();
      notifications.show({
        color: 'teal',
        title: 'Payout requested',
        message: `${formatCents(payout.amountCents)} is set aside for you. You will be notified when it is sent.`,
      });
    } catch (error) {
      const friendly = payoutErrorMessage(error);
      if (friendly && isApiError(error)) {
        throw new ApiError(error.status, error.code, friendly, error.details, error.requestId);
      }
      throw error;
    }
  };

  return (
    <Card component="section" aria-labelledby="payout-heading">
      <Title order={2} fz="h3" id="payout-heading" mb={4}>
        Get paid
      </Title>
      {earnings && eligibility ? (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Available to pay out:{' '}
            <Text span fw={700} c="dark.7" className="num">
              {amount}
            </Text>
            . Payouts start at {formatCents(earnings.payoutMinimumCents)}.
          </Text>
          {destination && (
            <Text size="sm" c="dimmed">
              Sent to{' '}
              <Text span fw={600} c="dark.7" style={{ overflowWrap: 'anywhere' }}>
                {describeDestination(destination)}
              </Text>{' '}
              ·{' '}
              <Anchor component={Link} to={settingsLink} size="sm" underline="always">
                Change
              </Anchor>
            </Text>
          )}
          <ConfirmButton
            fullWidth
            disabled={!eligibility.canRequest}
            aria-describedby={eligibility.canRequest ? undefined : 'payout-reason'}
            title="Request a payout?"
            message={`All of your available earnings, ${amount}, are set aside for you at once and sent to ${destination ? describeDestination(destination) : 'your payout method'}. An administrator of this site sends the money and marks the payout paid; you can follow it under Payouts below.`}
            confirmLabel="Confirm payout"
            onConfirm={confirm}
          >
            Request payout
          </ConfirmButton>
          {!eligibility.canRequest && (
            <Text size="sm" c="dimmed" id="payout-reason" style={{ display: 'flex', gap: 6 }}>
              <IconInfoCircle size={16} aria-hidden="true" style={{ flex: 'none', marginTop: 2 }} />
              <span>
                {eligibility.reason}
                {!destination && (
                  <>
                    {' '}
                    <Anchor component={Link} to={settingsLink} size="sm" underline="always">
                      Add a payout method
                    </Anchor>
                  </>
                )}
              </span>
            </Text>
          )}
        </Stack>
      ) : (
        <Stack gap="sm">
          <Skeleton height={16} />
          <Skeleton height={36} />
        </Stack>
      )}
    </Card>
  );
}
