/**
 * The "Aanmelden met UiTID" button and the "Toegang aanvragen" link on Strapi's login page (issue 23).
 * Strapi's Community Edition login page has no extension point (its SSO buttons are an Enterprise
 * feature: the `Login` page's children come from the EE bundle only), so they are put in below the
 * e-mail / password form when it appears on /admin/auth/login, and only when the server says
 * sign-in with UiTID is on (GET /api/segmentation/uitid/status). Both are plain links to the
 * server's start of the sign-in, which redirects to the issuer.
 */
const TEXTS = {
  nl: { button: 'Aanmelden met UiTID', request: 'Toegang aanvragen', or: 'of' },
  en: { button: 'Sign in with UiTID', request: 'Request access', or: 'or' },
};
const MARK = 'uitid-login';

interface Status {
  enabled: boolean;
  passwordLogin: boolean;
}

const backend = () => (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';

function language(): keyof typeof TEXTS {
  const lang = document.documentElement.lang || window.localStorage.getItem('strapi-admin-language') || 'nl';
  return lang.startsWith('en') ? 'en' : 'nl';
}

/** The block with the button and the link, styled like Strapi's buttons (through the CSSOM: no inline style attribute). */
function block(status: Status): HTMLElement {
  const texts = TEXTS[language()];
  const box = document.createElement('div');
  box.dataset.testid = MARK;
  box.dataset.lang = language();
  Object.assign(box.style, { display: 'flex', flexDirection: 'column', alignItems: 'stretch', gap: '12px', marginTop: '16px' });
  const or = document.createElement('p');
  or.textContent = texts.or;
  Object.assign(or.style, { textAlign: 'center', color: '#666687', fontSize: '12px', margin: '0' });
  const button = document.createElement('a');
  button.href = `${backend()}/api/segmentation/uitid/login`;
  button.textContent = texts.button;
  button.dataset.testid = 'uitid-login-button';
  Object.assign(button.style, {
    display: 'block',
    textAlign: 'center',
    padding: '10px 16px',
    borderRadius: '4px',
    background: status.passwordLogin ? '#ffffff' : '#4945ff',
    color: status.passwordLogin ? '#4945ff' : '#ffffff',
    border: '1px solid #4945ff',
    fontWeight: '600',
    fontSize: '14px',
    textDecoration: 'none',
  });
  const request = document.createElement('a');
  request.href = `${backend()}/api/segmentation/uitid/login?request=1`;
  request.textContent = texts.request;
  request.dataset.testid = 'uitid-request-access';
  Object.assign(request.style, { textAlign: 'center', color: '#4945ff', fontSize: '14px' });
  box.append(or, button, request);
  return box;
}

/** Watches for the login form and adds the block under it (again when the page is rendered anew). */
export function addUitidToLogin(root: HTMLElement = document.body, fetchStatus = () => fetch(`${backend()}/api/segmentation/uitid/status`)) {
  let status: Promise<Status | null> | null = null;
  const place = () => {
    if (!window.location.pathname.endsWith('/auth/login')) return;
    const form = root.querySelector('form');
    if (!form) return;
    // Placed already, in the page's language (a language switch renders it anew).
    const placed = form.parentElement?.querySelector<HTMLElement>(`[data-testid="${MARK}"]`);
    if (placed?.dataset.lang === language()) return;
    placed?.remove();
    status ??= fetchStatus()
      .then((res) => (res.ok ? (res.json() as Promise<Status>) : null))
      .catch(() => null);
    void status.then((s) => {
      if (s?.enabled && form.isConnected && !form.parentElement?.querySelector(`[data-testid="${MARK}"]`)) form.after(block(s));
    });
  };
  place();
  new MutationObserver(place).observe(root, { subtree: true, childList: true });
  new MutationObserver(place).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}
