import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth';
import { Form, requireFields, TextField } from '../components/Form';
import { Page } from '../components/Page';
import { PublicFrame } from '../components/PublicFrame';

export function LoginPage() {
  const { state, login } = useAuth();
  const location = useLocation();
  const from = (location.state as { from?: string; reason?: string } | null)?.from;
  const reason = (location.state as { reason?: string } | null)?.reason ?? (state.status === 'anonymous' ? state.reason : undefined);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [loggedInHere, setLoggedInHere] = useState(false);

  // After a login here the confirmation goes along; someone already logged in is just sent on.
  if (state.status === 'authenticated') {
    const target = from && from !== '/logga-in' && from !== '/' ? from : '/att-gora';
    return <Navigate to={target} replace state={loggedInHere ? { confirmation: 'Du är inloggad.' } : undefined} />;
  }

  async function submit() {
    requireFields({ email: !email.trim() && 'Skriv din e-postadress.', password: !password && 'Skriv ditt lösenord.' });
    setLoggedInHere(true);
    try {
      await login(email.trim(), password);
    } catch (e) {
      setLoggedInHere(false);
      throw e;
    }
  }

  return (
    <PublicFrame>
        <Page title="Logga in" intro={<p>Logga in med den e-postadress och det lösenord du har fått från din samordnare.</p>}>
          {reason && (
            <div className="info-box" role="status">
              <p>{reason}</p>
            </div>
          )}
          <Form onSubmit={submit} submitLabel="Logga in" sendingLabel="Loggar in …" label="Logga in">
            <TextField name="email" label="E-postadress" type="email" autoComplete="username" value={email} onChange={setEmail} required />
            <TextField name="password" label="Lösenord" type="password" autoComplete="current-password" value={password} onChange={setPassword} required />
          </Form>
          <p className="help">Har du glömt lösenordet, eller har du inget konto? Kontakta samordnaren för din grupp.</p>
        </Page>
    </PublicFrame>
  );
}
