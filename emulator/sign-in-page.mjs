/** The emulator's account picker: a small, accessible page in the spirit of Microsoft's. */
import { accountLabel } from './accounts.mjs';
import { escapeHtml } from './http-utils.mjs';

const STYLE = `
  :root { color-scheme: light dark; font-family: "Segoe UI", system-ui, -apple-system, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { width: min(440px, 100% - 2rem); padding: 2.25rem 2.75rem; box-sizing: border-box;
         border: 1px solid color-mix(in srgb, CanvasText 15%, transparent); border-radius: 6px;
         box-shadow: 0 2px 6px rgb(0 0 0 / 0.2); }
  .brand { margin: 0 0 1rem; font-size: 0.95rem; font-weight: 600; }
  h1 { margin: 0 0 0.5rem; font-size: 1.5rem; font-weight: 600; }
  .note { margin: 0 0 1.25rem; font-size: 0.9rem; line-height: 1.4; }
  .error { margin: 0 0 1rem; padding: 0.5rem 0.75rem; border-left: 4px solid #c50f1f; }
  ul { list-style: none; margin: 0 0 1.5rem; padding: 0; }
  li + li { margin-top: 0.5rem; }
  button { font: inherit; cursor: pointer; }
  .account { display: block; width: 100%; padding: 0.85rem 1rem; text-align: left; color: inherit; background: transparent;
             border: 1px solid color-mix(in srgb, CanvasText 25%, transparent); border-radius: 4px; }
  .account:hover { background: color-mix(in srgb, CanvasText 8%, transparent); }
  .name { font-weight: 600; }
  .actions { display: flex; justify-content: flex-end; }
  .cancel { padding: 0.4rem 1.5rem; color: inherit; background: color-mix(in srgb, CanvasText 10%, transparent);
            border: 1px solid transparent; border-radius: 2px; }
  button:focus-visible { outline: 2px solid #0067b8; outline-offset: 2px; }
`;

/**
 * @param {object} page
 * @param {string} page.action the authorize path the form posts back to
 * @param {Record<string, string>} page.params the original authorize parameters, carried as hidden fields
 * @param {import('./accounts.mjs').Account[]} page.accounts
 * @param {string} page.returnsTo the origin the user will be sent back to
 * @param {string} [page.error] shown above the list, e.g. after an unknown account was posted
 */
export function signInPage({ action, params, accounts, returnsTo, error }) {
  const hidden = Object.entries(params)
    .filter(([name]) => name !== 'account' && name !== 'cancel')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  // The visible text is the button's whole accessible name: "Avery Admin — avery@contoso.example (Contoso)".
  const buttons = accounts
    .map((account) => {
      const [name, rest] = splitLabel(accountLabel(account));
      return `<li><button class="account" type="submit" name="account" value="${escapeHtml(account.oid)}"><span class="name">${escapeHtml(name)}</span>${escapeHtml(rest)}</button></li>`;
    })
    .join('\n        ');

  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <meta name="robots" content="noindex">
  <title>Sign in to your account</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    <p class="brand">Microsoft Entra ID <small>(local emulator)</small></p>
    <h1>Pick an account</h1>
    <p class="note">A local stand-in for Microsoft sign-in: no password needed. You will return to <strong>${escapeHtml(returnsTo)}</strong>.</p>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="${escapeHtml(action)}">
      ${hidden}
      <ul aria-label="Accounts">
        ${buttons}
      </ul>
      <div class="actions">
        <button class="cancel" type="submit" name="cancel" value="1">Cancel</button>
      </div>
    </form>
  </main>
</body>
</html>
`;
}

/**
 * A plain page for what cannot be sent back to the app (no usable redirect_uri) or after sign-out.
 * @param {string} title
 * @param {string} message
 */
export function messagePage(title, message) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    <p class="brand">Microsoft Entra ID <small>(local emulator)</small></p>
    <h1>${escapeHtml(title)}</h1>
    <p class="note">${escapeHtml(message)}</p>
  </main>
</body>
</html>
`;
}

/**
 * @param {string} label "Name — rest" → ["Name", " — rest"]
 * @returns {[string, string]}
 */
function splitLabel(label) {
  const at = label.indexOf(' — ');
  return at < 0 ? [label, ''] : [label.slice(0, at), label.slice(at)];
}
