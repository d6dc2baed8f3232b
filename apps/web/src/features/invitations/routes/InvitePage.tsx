import type { Schemas } from '@gapline/api-client';
import { ROLE_LABELS } from '@gapline/domain';
import {
  Alert,
  Anchor,
  Button,
  Divider,
  PasswordInput,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { hasLength, isNotEmpty, useForm } from '@mantine/form';
import { IconAlertCircle, IconMailCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../api/errors';
import { CenteredLayout } from '../../../ui/CenteredLayout';
import { ErrorState } from '../../../ui/ErrorState';
import { applyServerErrors } from '../../../ui/form-errors';
import { formatDateTime } from '../../../ui/format';
import { notifySuccess } from '../../../ui/notify';
import { useLogout, useRegister } from '../../auth/api/use-auth';
import { useSession } from '../../auth/api/use-session';
import { useAcceptInvitation, useInvitationPreview } from '../api/use-invitation-link';

type Preview = Schemas['InvitationPreviewDto'];

/** `/invite/:token`: see the invitation, then accept it (signed in) or create an account to join. */
export function InvitePage() {
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);
  const session = useSession();
  // Registering signs the user in, which re-renders this page: keep the mutation up here so that
  // its success (and the redirect into the organisation) survives the form unmounting.
  const register = useRegister();
  const joinedOrgName = preview.data?.orgName;

  useEffect(() => {
    if (register.isSuccess && joinedOrgName) notifySuccess(`Welcome to ${joinedOrgName}.`, 'Account created');
  }, [register.isSuccess, joinedOrgName]);

  if (register.isSuccess) {
    const orgId = register.data.orgId;
    return <Navigate to={orgId ? `/orgs/${orgId}/overview` : '/'} replace />;
  }

  if (preview.isPending || session.status === 'loading') {
    return (
      <CenteredLayout title="Opening your invitation…">
        <Stack role="status" aria-label="Loading the invitation">
          <Skeleton height={20} />
          <Skeleton height={20} width="70%" />
          <Skeleton height={36} mt="md" />
        </Stack>
      </CenteredLayout>
    );
  }

  if (preview.isError) {
    const status = preview.error instanceof ApiError ? preview.error.status : 0;
    if (status === 404 || status === 410) {
      return (
        <CenteredLayout
          title={status === 410 ? 'This invitation can no longer be used' : 'Invitation not found'}
          subtitle={
            status === 410
              ? 'It was already accepted, revoked, or it expired. Ask the admin who invited you for a new link.'
              : 'Check that you opened the whole link from the e-mail, or ask the admin who invited you for a new one.'
          }
        >
          <Button component={Link} to="/" variant="light" fullWidth>
            Go to Gapline
          </Button>
        </CenteredLayout>
      );
    }
    return (
      <CenteredLayout title="We could not open this invitation">
        <ErrorState error={preview.error} onRetry={() => preview.refetch()} retrying={preview.isFetching} />
      </CenteredLayout>
    );
  }

  const invitation = preview.data;
  const subtitle = (
    <>
      You are invited to join <strong>{invitation.orgName}</strong> as{' '}
      <strong>{ROLE_LABELS[invitation.role]}</strong>. The invitation is for{' '}
      <strong>{invitation.email}</strong> and is valid until {formatDateTime(invitation.expiresAt)}.
    </>
  );

  return (
    <CenteredLayout title={`Join ${invitation.orgName}`} subtitle={subtitle}>
      {session.status === 'authenticated' ? (
        session.user.email.toLowerCase() === invitation.email.toLowerCase() ? (
          <AcceptInvitation token={token} invitation={invitation} />
        ) : (
          <WrongAccount token={token} invitation={invitation} signedInAs={session.user.email} />
        )
      ) : (
        <JoinWithNewAccount token={token} invitation={invitation} register={register} />
      )}
    </CenteredLayout>
  );
}

function loginLinkFor(token: string): string {
  return `/login?next=${encodeURIComponent(`/invite/${encodeURIComponent(token)}`)}`;
}

function AcceptInvitation({ token, invitation }: { token: string; invitation: Preview }) {
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  return (
    <Stack>
      {accept.isError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
          {errorMessage(accept.error)}
        </Alert>
      )}
      <Button
        leftSection={<IconMailCheck size={18} aria-hidden />}
        loading={accept.isPending}
        autoFocus
        onClick={() =>
          accept.mutate(token, {
            onSuccess: ({ orgId }) => {
              notifySuccess(`Welcome to ${invitation.orgName}.`, 'Invitation accepted');
              navigate(`/orgs/${orgId}/overview`, { replace: true });
            },
          })
        }
      >
        Accept and join {invitation.orgName}
      </Button>
      <Button component={Link} to="/" variant="subtle" color="gray">
        Not now
      </Button>
    </Stack>
  );
}

function WrongAccount({
  token,
  invitation,
  signedInAs,
}: {
  token: string;
  invitation: Preview;
  signedInAs: string;
}) {
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Stack>
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertCircle aria-hidden />}
        title="Signed in with another e-mail"
      >
        You are signed in as <strong>{signedInAs}</strong>, but this invitation is for{' '}
        <strong>{invitation.email}</strong>. Sign out, then sign in or create an account with that address.
      </Alert>
      <Button
        loading={logout.isPending}
        onClick={() =>
          logout.mutate(undefined, { onSettled: () => navigate(`/invite/${encodeURIComponent(token)}`) })
        }
      >
        Sign out and continue
      </Button>
      <Button component={Link} to="/" variant="subtle" color="gray">
        Back to my dashboard
      </Button>
    </Stack>
  );
}

function JoinWithNewAccount({
  token,
  invitation,
  register,
}: {
  token: string;
  invitation: Preview;
  register: ReturnType<typeof useRegister>;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', password: '' },
    validate: {
      name: isNotEmpty('Enter your name'),
      password: hasLength({ min: 10 }, 'Use at least 10 characters'),
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    register.mutate(
      {
        email: invitation.email,
        name: values.name.trim(),
        password: values.password,
        invitationToken: token,
      },
      { onError: (error) => setFormError(applyServerErrors(form, error, ['name', 'password'])) },
    );
  });

  return (
    <Stack>
      <form onSubmit={submit} noValidate aria-label="Create your account">
        <Stack gap="md">
          <Text fw={600}>Create your account</Text>
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label="E-mail"
            value={invitation.email}
            readOnly
            description="The address this invitation was sent to"
          />
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            autoFocus
            maxLength={100}
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={register.isPending} fullWidth>
            Create account and join
          </Button>
        </Stack>
      </form>
      <Divider label="or" labelPosition="center" />
      <Text size="sm" ta="center">
        Already have a Gapline account?{' '}
        <Anchor component={Link} to={loginLinkFor(token)}>
          Sign in to accept
        </Anchor>
      </Text>
    </Stack>
  );
}
