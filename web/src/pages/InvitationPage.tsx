import { useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth';
import { NextStep } from '../components/Feedback';
import { Form, requireFields, TextField } from '../components/Form';
import { Page } from '../components/Page';
import { PublicFrame } from '../components/PublicFrame';

const MIN_LENGTH = 10;

/**
 * The invitation link (`/inbjudan#token=…`, sent by e-mail): choose a password and log in. The token is in the
 * fragment, so it never reaches a server log; it is read once and the address is cleaned.
 */
export function InvitationPage() {
  const { state, acceptInvitation } = useAuth();
  const location = useLocation();
  const [token] = useState(() => new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);

  if (state.status === 'authenticated' && done) return <Navigate to="/att-gora" replace state={{ confirmation: 'Ditt lösenord är sparat och du är inloggad.' }} />;

  async function submit() {
    requireFields({
      password: (!password && 'Skriv ett lösenord.') || (password.length < MIN_LENGTH && `Lösenordet måste vara minst ${MIN_LENGTH} tecken.`),
      repeat: password !== repeat && 'Lösenorden är inte likadana. Skriv samma lösenord två gånger.',
    });
    await acceptInvitation(token, password);
    setDone(true);
  }

  return (
    <PublicFrame>
      <Page title="Välj lösenord" intro={<p>Du har blivit inbjuden till Medverkan. Välj ett lösenord, så loggas du in direkt.</p>}>
        {!token ? (
          <div className="error-box" role="alert">
            <p className="error-title">Länken är inte hel</p>
            <p>Öppna länken i e-postbrevet igen, eller kopiera hela länken till webbläsaren. Be den som bjöd in dig om en ny inbjudan om det inte går.</p>
          </div>
        ) : (
          <Form onSubmit={submit} submitLabel="Spara lösenordet och logga in" sendingLabel="Sparar …" label="Välj lösenord">
            <TextField
              name="password"
              label="Nytt lösenord"
              hint={`Minst ${MIN_LENGTH} tecken. Gärna flera ord i rad, som är lätta för dig att komma ihåg.`}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              required
            />
            <TextField name="repeat" label="Skriv lösenordet en gång till" type="password" autoComplete="new-password" value={repeat} onChange={setRepeat} required />
          </Form>
        )}
        <NextStep>
          <p>När lösenordet är sparat ser du det du behöver göra under Att göra nu. Inbjudan kan bara användas en gång.</p>
        </NextStep>
      </Page>
    </PublicFrame>
  );
}
