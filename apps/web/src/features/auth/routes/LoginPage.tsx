import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { CenteredLayout } from '../../../ui/CenteredLayout';
import { FullPageLoader } from '../../../ui/FullPageLoader';
import { applyServerErrors } from '../../../ui/form-errors';
import { useLogin } from '../api/use-auth';
import { useSession } from '../api/use-session';
import { safeNext } from '../safe-next';

export function LoginPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const login = useLogin();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: isEmail('Enter your e-mail address'),
      password: isNotEmpty('Enter your password'),
    },
  });

  if (session.status === 'loading') return <FullPageLoader />;
  if (session.status === 'authenticated') return <Navigate to={next} replace />;

  const submit = form.onSubmit((values) => {
    setFormError(null);
    login.mutate(
      { email: values.email.trim(), password: values.password },
      { onError: (error) => setFormError(applyServerErrors(form, error, ['email', 'password'])) },
    );
  });

  const registerLink = `/register${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`;

  return (
    <CenteredLayout
      title="Sign in to Gapline"
      subtitle="Track your organisation's AI initiatives from idea to value."
      footer={
        <>
          New to Gapline?{' '}
          <Anchor component={Link} to={registerLink}>
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate aria-label="Sign in">
        <Stack gap="md">
          {formError && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle aria-hidden />}
              role="alert"
              title="Could not sign in"
            >
              {formError}
            </Alert>
          )}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            required
            data-autofocus
            autoFocus
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            Sign in
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            Demo: admin@demo.gapline.dev / gapline-demo
          </Text>
        </Stack>
      </form>
    </CenteredLayout>
  );
}
