import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { hasLength, isEmail, isNotEmpty, useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { CenteredLayout } from '../../../ui/CenteredLayout';
import { FullPageLoader } from '../../../ui/FullPageLoader';
import { applyServerErrors } from '../../../ui/form-errors';
import { useRegister } from '../api/use-auth';
import { useSession } from '../api/use-session';
import { safeNext } from '../safe-next';

const FIELDS = ['name', 'email', 'password', 'organizationName'] as const;

export function RegisterPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const register = useRegister();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', email: '', password: '', organizationName: '' },
    validate: {
      name: isNotEmpty('Enter your name'),
      email: isEmail('Enter a valid e-mail address'),
      password: hasLength({ min: 10 }, 'Use at least 10 characters'),
      organizationName: isNotEmpty('Name your organisation (you can rename it later)'),
    },
  });

  if (session.status === 'loading') return <FullPageLoader />;
  // A new account belongs to exactly one organisation: "/" takes the user there.
  if (session.status === 'authenticated') return <Navigate to={next} replace />;

  const submit = form.onSubmit((values) => {
    setFormError(null);
    register.mutate(
      {
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        organizationName: values.organizationName.trim(),
      },
      { onError: (error) => setFormError(applyServerErrors(form, error, FIELDS)) },
    );
  });

  return (
    <CenteredLayout
      title="Create your organisation"
      subtitle="You will be its admin and can invite your colleagues next."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}>
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate aria-label="Create an account">
        <Stack gap="md">
          {formError && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle aria-hidden />}
              role="alert"
              title="Could not create the account"
            >
              {formError}
            </Alert>
          )}
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            autoFocus
            maxLength={100}
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Work e-mail"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <TextInput
            label="Organisation name"
            placeholder="Acme Insurance"
            required
            maxLength={100}
            key={form.key('organizationName')}
            {...form.getInputProps('organizationName')}
          />
          <Button type="submit" loading={register.isPending} fullWidth>
            Create account
          </Button>
        </Stack>
      </form>
    </CenteredLayout>
  );
}
