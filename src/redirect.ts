// The MSAL v5 redirect bridge: hands the sign-in answer back to the app and returns to it.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import { rememberPage } from './lib/state/start-page';

// Back from a sign-in in this tab (not a hidden frame's silent renewal): show the dashboard of the account signed in to.
if (window.top === window) rememberPage('dashboard');

broadcastResponseToMainFrame().catch(() => {
  const status = document.getElementById('status');
  if (status) status.textContent = 'This sign-in could not be completed. Go back to Scoreline and sign in again.';
});
