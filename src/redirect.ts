// The MSAL v5 redirect bridge: hands the sign-in answer back to the app and returns to it.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch(() => {
  const status = document.getElementById('status');
  if (status) status.textContent = 'This sign-in could not be completed. Go back to Scoreline and sign in again.';
});
