/**
 * The admin page of the integration registry: sign-in, the hash router and the page frame. The
 * views live in their own modules and talk to the service only through its public REST API.
 */
import {api, basicAuthorization, session} from './api.js';
import {announce, focus, h, replace, show} from './dom.js';
import {renderList} from './list.js';
import {renderForm} from './form.js';
import {readsOnly, renderIntegrationView} from './integration-view.js';
import {renderHistory} from './history.js';
import {renderAudit} from './audit.js';
import {installLeaveGuard, mayLeave, setLeaveGuard, viewShown} from './leave-guard.js';
import {showProvider, signOutOfSession, takeReturn} from './provider-sign-in.js';

const state = {
    method: 'BASIC',
    user: null,
    /** The identity provider's sign-in ({name, url}), when the service offers one. */
    provider: null,
    /** Whether the user signed in through the provider: the service's session cookie is the credential. */
    cookieSession: false,
    /** Why the last sign-in through the provider was refused, shown once. */
    providerError: null,
    /** Incremented on every navigation so that late answers of a previous view are dropped. */
    navigation: 0,
    /** A message to show once on the next view (e.g. "Integration added."). */
    flash: null
};

const elements = {};

/** What the views need to know and do. */
export const app = {
    get user() {
        return state.user;
    },
    can(permission) {
        const roles = (state.user && state.user.roles) || [];
        const admin = roles.includes('INTEGRATION_ADMIN');
        switch (permission) {
            case 'write':
                return admin;
            case 'audit':
                return admin || roles.includes('AUDITOR');
            case 'connect':
                return admin || roles.includes('DOCUMENT_USER');
            default:
                return false;
        }
    },
    navigate(hash, {replace: replacing = false, flash = null} = {}) {
        state.flash = flash;
        if (location.hash === hash) {
            route();
        } else if (replacing) {
            location.replace(hash);
        } else {
            location.hash = hash;
        }
    },
    /** Whether a view rendered for navigation number `token` is still the current one. */
    isCurrent(token) {
        return token === state.navigation;
    },
    takeFlash() {
        const flash = state.flash;
        state.flash = null;
        return flash;
    },
    /** Lets the current view ask before it is left with unsaved work (see leave-guard.js). */
    setLeaveGuard
};

function signedOut(message) {
    setLeaveGuard(null);
    state.user = null;
    state.cookieSession = false;
    renderFrame();
    showSignIn(message);
}

function renderFrame() {
    const user = state.user;
    show(elements.nav, Boolean(user));
    show(elements.session, Boolean(user));
    show(elements.navAudit, Boolean(user) && app.can('audit'));
    if (user) {
        const roles = (user.roles || []).map(role => ({
            INTEGRATION_ADMIN: 'Administrator',
            AUDITOR: 'Auditor',
            DOCUMENT_USER: 'Document user'
        })[role] || role).join(', ');
        replace(elements.currentUser,
            h('span', {class: 'user-login', text: user.login}),
            h('span', {class: 'user-meta', text: ` · ${user.company}${roles ? ' · ' + roles : ''}`}));
    } else {
        replace(elements.currentUser);
    }
}

function showSignIn(message) {
    show(elements.loading, false);
    replace(elements.view);
    show(elements.signIn, true);
    const bearer = state.method === 'BEARER';
    show(document.getElementById('sign-in-basic'), !bearer);
    show(document.getElementById('sign-in-basic-password'), !bearer);
    show(document.getElementById('sign-in-bearer'), bearer);
    elements.signInError.textContent = '';
    show(elements.signInError, false);
    elements.signInNotice.textContent = message || '';
    show(elements.signInNotice, Boolean(message));
    showProvider(state.provider, bearer, state.providerError);
    state.providerError = null;
    document.title = 'Sign in · Integration registry';
    focus(bearer ? elements.token : elements.username);
}

async function signIn(event) {
    event.preventDefault();
    const bearer = state.method === 'BEARER';
    let authorization;
    if (bearer) {
        const token = elements.token.value.trim().replace(/^Bearer\s+/i, '');
        if (!token) {
            return signInFailed('Enter an access token.', elements.token);
        }
        authorization = 'Bearer ' + token;
    } else {
        const username = elements.username.value.trim();
        const password = elements.password.value;
        if (!username || !password) {
            return signInFailed('Enter your user name and password.', username ? elements.password : elements.username);
        }
        authorization = basicAuthorization(username, password);
    }
    elements.signInSubmit.disabled = true;
    try {
        const me = await api.me(authorization);
        session.remember(authorization);
        elements.password.value = '';
        elements.token.value = '';
        state.user = me.data;
        show(elements.signIn, false);
        renderFrame();
        route();
    } catch (failure) {
        if (failure.status === 401) {
            signInFailed(bearer ? 'This access token was not accepted. Check it and try again.'
                : 'Wrong user name or password. Check them and try again.', bearer ? elements.token : elements.username);
        } else if (failure.status === 403) {
            signInFailed('You are signed in, but your account may not use the registry: ' + failure.message,
                bearer ? elements.token : elements.username);
        } else {
            signInFailed(failure.message, bearer ? elements.token : elements.username);
        }
    } finally {
        elements.signInSubmit.disabled = false;
    }
}

function signInFailed(message, field) {
    elements.signInError.textContent = message;
    show(elements.signInError, true);
    elements.password.value = '';
    focus(field);
    if (field && field.select) {
        field.select();
    }
}

async function signOut() {
    if (!(await mayLeave())) {
        return;
    }
    setLeaveGuard(null);
    if (state.cookieSession) {
        signOutOfSession();
        return;
    }
    session.forget();
    state.user = null;
    elements.username.value = '';
    elements.password.value = '';
    elements.token.value = '';
    renderFrame();
    showSignIn('You are signed out.');
    announce('You are signed out.');
}

/** The current route: path segments and query parameters of the hash. */
function currentRoute() {
    const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
    const [path, query] = hash.split('?');
    return {
        segments: path.split('/').filter(Boolean).map(decodeURIComponent),
        params: new URLSearchParams(query || '')
    };
}

function markNav(active) {
    [['list', elements.navIntegrations], ['audit', elements.navAudit]].forEach(([name, link]) => {
        if (name === active) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    });
}

async function route() {
    if (!location.hash.startsWith('#/') && location.hash !== '' && location.hash !== '#') {
        return;
    }
    if (!state.user) {
        return;
    }
    const token = ++state.navigation;
    viewShown();
    const {segments, params} = currentRoute();
    show(elements.signIn, false);
    show(elements.loading, false);
    const container = h('div', {class: 'view'});
    replace(elements.view, container);
    const context = {app, container, token, params};
    try {
        if (segments.length === 0) {
            markNav('list');
            await renderList(context);
        } else if (segments[0] === 'integrations' && segments[1] === 'new' && segments.length === 2) {
            markNav('list');
            await renderForm({...context, id: null});
        } else if (segments[0] === 'integrations' && segments.length === 2) {
            markNav('list');
            await (readsOnly(app, params) ? renderIntegrationView : renderForm)({...context, id: segments[1]});
        } else if (segments[0] === 'integrations' && segments[2] === 'history' && segments.length === 3) {
            markNav('list');
            await renderHistory({...context, id: segments[1]});
        } else if (segments[0] === 'audit' && segments.length === 1) {
            markNav('audit');
            await renderAudit(context);
        } else {
            markNav(null);
            notFound(container);
        }
    } catch (failure) {
        if (app.isCurrent(token) && failure.status !== 401) {
            replace(container,
                h('h1', {tabindex: '-1', text: 'Something went wrong'}),
                h('p', {class: 'notice notice-error', role: 'alert', text: failure.message}),
                h('p', {}, h('a', {href: '#/', text: 'Back to the custom integrations'})));
            focus(container.querySelector('h1'));
        }
    }
}

function notFound(container) {
    document.title = 'Not found · Integration registry';
    replace(container,
        h('h1', {tabindex: '-1', text: 'Page not found'}),
        h('p', {}, 'There is nothing at this address. ', h('a', {href: '#/', text: 'Go to the custom integrations'}),
            '.'));
    focus(container.querySelector('h1'));
}

async function start() {
    Object.assign(elements, {
        loading: document.getElementById('loading'),
        view: document.getElementById('view'),
        nav: document.getElementById('main-nav'),
        navIntegrations: document.getElementById('nav-integrations'),
        navAudit: document.getElementById('nav-audit'),
        session: document.getElementById('session'),
        currentUser: document.getElementById('current-user'),
        signIn: document.getElementById('sign-in'),
        signInForm: document.getElementById('sign-in-form'),
        signInError: document.getElementById('sign-in-error'),
        signInNotice: document.getElementById('sign-in-notice'),
        signInSubmit: document.getElementById('sign-in-submit'),
        username: document.getElementById('sign-in-username'),
        password: document.getElementById('sign-in-password'),
        token: document.getElementById('sign-in-token')
    });
    elements.signInForm.addEventListener('submit', signIn);
    document.getElementById('sign-out').addEventListener('click', signOut);
    document.getElementById('skip-link').addEventListener('click', event => {
        event.preventDefault();
        focus(document.getElementById('main'));
    });
    installLeaveGuard(route);
    session.whenSignedOut(signedOut);

    const returned = takeReturn();
    try {
        const method = await api.signInMethod();
        state.method = method.data && method.data.method === 'BEARER' ? 'BEARER' : 'BASIC';
        state.provider = (method.data && method.data.oidc) || null;
    } catch (unknown) {
        state.method = 'BASIC';
    }
    if (session.authorization()) {
        try {
            const me = await api.me();
            state.user = me.data;
        } catch (notAccepted) {
            if (notAccepted.status !== 401) {
                renderFrame();
                showSignIn(notAccepted.message);
            }
            return;
        }
        renderFrame();
        show(elements.loading, false);
        route();
    } else if (state.provider && !returned && await sessionUser()) {
        renderFrame();
        show(elements.loading, false);
        route();
    } else {
        state.providerError = returned && returned.error;
        renderFrame();
        showSignIn(returned && returned.notice);
        if (returned && returned.notice) {
            announce(returned.notice);
        }
    }
}

/** Whether the service's session cookie signs a user in (after the identity provider sent the browser back). */
async function sessionUser() {
    try {
        state.user = (await api.sessionUser()).data;
        state.cookieSession = true;
        return true;
    } catch (none) {
        return false;
    }
}

start();
