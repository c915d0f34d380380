/**
 * The sign-in through the company's OpenID Connect provider. The service keeps the provider's tokens in
 * its own session; this page holds nothing but the service's HttpOnly session cookie, which scripts cannot
 * read, and sends the CSRF token (from the XSRF-TOKEN cookie) with every request that changes data.
 */
import {show} from './dom.js';

const CSRF_COOKIE = 'XSRF-TOKEN';

/** What a refused sign-in comes back with (?sign-in-error=<code>), in words. */
const REFUSALS = {
    'no-company': 'You signed in at your identity provider, but it names no company for you, so you may not use '
        + 'the registry. Ask your administrator to give your account a company.',
    'no-role': 'You signed in at your identity provider, but it gives you no role in the registry '
        + '(administrator, auditor or document user). Ask your administrator for one.',
    'invalid-user': 'You signed in at your identity provider, but your user name or company is not one the '
        + 'registry can use. Ask your administrator.',
    'unavailable': 'Your identity provider cannot be reached just now. Try again in a moment.',
    'failed': 'The sign-in at your identity provider did not complete. Try again.'
};

/**
 * The outcome the service sent the browser back with, once: {error} for a refused sign-in, {notice} after
 * signing out. Its mark is taken out of the address, so that neither a reload nor the history repeats it.
 */
export function takeReturn() {
    const params = new URLSearchParams(location.search);
    let outcome = null;
    if (params.has('sign-in-error')) {
        outcome = {error: REFUSALS[params.get('sign-in-error')] || REFUSALS.failed};
    } else if (params.has('signed-out')) {
        outcome = {notice: 'You are signed out.'};
    }
    if (location.search) {
        history.replaceState(null, '', location.pathname + location.hash);
    }
    return outcome;
}

/** Shows the "Sign in with …" link above the form, or hides it when the provider is not available. */
export function showProvider(provider, bearer, error) {
    const block = document.getElementById('sign-in-oidc');
    const errorLine = document.getElementById('sign-in-oidc-error');
    show(block, Boolean(provider));
    errorLine.textContent = error || '';
    show(errorLine, Boolean(provider && error));
    if (!provider) {
        return;
    }
    const link = document.getElementById('sign-in-oidc-link');
    link.textContent = `Sign in with ${provider.name}`;
    link.setAttribute('href', provider.url);
    document.getElementById('sign-in-oidc-or').textContent = bearer
        ? 'Or paste an access token below.' : 'Or sign in with a user name and password below.';
}

/** The CSRF token the service gave this browser, for requests that change data; null when there is none. */
export function csrfToken() {
    const entry = document.cookie.split(';').map(part => part.trim())
        .find(part => part.startsWith(CSRF_COOKIE + '='));
    return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : null;
}

/**
 * Ends the session: a form POST (with the CSRF token), so that the service can send the browser on to the
 * provider to end its session too, and back to this page.
 */
export function signOutOfSession() {
    document.getElementById('sign-out-csrf').value = csrfToken() || '';
    document.getElementById('sign-out-form').submit();
}
