/**
 * The signed-in user's own OAuth2 connection to a saved OAuth2 integration: its state, and the buttons
 * to connect (in a new tab, at the provider) and to disconnect; and, in the add form, the redirect URI a
 * new OAuth2 integration will have, known before it is saved.
 */
import {api} from './api.js';
import {announce, focus, h, replace, show, time} from './dom.js';
import {savedType} from './form-fields.js';

/** The (empty, hidden) section the connection is shown in. */
export function buildConnectionSection() {
    return h('section', {class: 'card connection', id: 'connection',
        'aria-labelledby': 'connection-heading', hidden: true});
}

/** Shows the section for a saved OAuth2 integration to users who may connect, and checks the connection. */
export function renderConnection(view) {
    const {app, id, connectionSection} = view;
    const wanted = Boolean(id) && savedType(view.integration) === 'OAUTH2' && app.can('connect');
    show(connectionSection, wanted);
    if (!wanted) {
        replace(connectionSection);
        return;
    }
    const state = h('div', {class: 'connection-state', id: 'connection-state', role: 'status'},
        h('span', {class: 'muted', text: 'Checking your connection…'}));
    const connect = h('button', {type: 'button', class: 'button button-primary', id: 'connect-account'}, 'Connect');
    const disconnect = h('button', {type: 'button', class: 'button', id: 'disconnect-account', hidden: true},
        'Disconnect');
    const problem = h('p', {class: 'field-error', id: 'connection-error', role: 'alert', hidden: true});
    replace(connectionSection,
        h('h2', {id: 'connection-heading', text: 'Your provider account'}),
        h('p', {class: 'hint', text: 'Each user connects their own account once; the provider then accepts the '
                + 'registry\'s calls on their behalf.'}),
        state, problem,
        h('div', {class: 'form-actions'}, connect, disconnect));
    connect.addEventListener('click', () => startConnecting(view, problem));
    disconnect.addEventListener('click', async () => {
        show(problem, false);
        try {
            await api.disconnect(id);
            announce('Your account is disconnected.');
            await refreshConnection(view, state, connect, disconnect);
            focus(connect);
        } catch (failure) {
            if (failure.status !== 401) {
                problem.textContent = 'Could not disconnect: ' + failure.message;
                show(problem, true);
            }
        }
    });
    refreshConnection(view, state, connect, disconnect);
}

/** Asks for the connection's state; only the answer to the latest question is shown. */
async function refreshConnection(view, state, connect, disconnect) {
    const mine = ++view.connectionRequest;
    let connection;
    try {
        connection = (await api.connection(view.id)).data || {};
    } catch (failure) {
        if (mine === view.connectionRequest && failure.status !== 401) {
            replace(state, h('span', {class: 'muted', text: 'Your connection could not be checked: ' + failure.message}));
        }
        return;
    }
    if (mine !== view.connectionRequest || !view.app.isCurrent(view.token)) {
        return;
    }
    if (connection.status === 'CONNECTED') {
        replace(state, h('span', {class: 'badge badge-active', text: 'Connected'}), ' ',
            connection.connectedAt ? h('span', {}, 'since ', time(connection.connectedAt)) : null,
            connection.expiresAt ? h('span', {}, ' · access token valid until ', time(connection.expiresAt),
                ', then refreshed automatically') : null,
            grantedScope(connection));
        connect.textContent = 'Reconnect';
        show(disconnect, true);
    } else if (connection.status === 'RECONNECT_REQUIRED') {
        replace(state, h('span', {class: 'badge badge-warning', text: 'Reconnect required'}), ' ',
            connection.reason ? h('span', {text: connection.reason}) : 'The provider no longer accepts your connection.');
        connect.textContent = 'Reconnect';
        show(disconnect, true);
    } else {
        replace(state, h('span', {class: 'badge badge-inactive', text: 'Not connected'}), ' ',
            h('span', {text: 'Connect your provider account to use this integration.'}));
        connect.textContent = 'Connect';
        show(disconnect, false);
    }
}

/**
 * The scope the provider granted, as it named it; a provider that names none granted what was asked for
 * (RFC 6749 §5.1). Shown as text, never as markup.
 */
function grantedScope(connection) {
    return h('span', {class: 'connection-scope', id: 'connection-scope'}, ' · granted scope: ',
        connection.grantedScope
            ? h('code', {text: connection.grantedScope})
            : h('span', {class: 'muted', text: 'as requested (the provider named none)'}));
}

/**
 * Opens the provider's sign-in in a new tab. The tab is opened before the address is asked for, so
 * that pop-up blockers see it as the answer to the click; without a tab, this page goes there.
 */
async function startConnecting(view, problem) {
    show(problem, false);
    const opened = window.open('', '_blank');
    try {
        const answer = await api.authorizationUrl(view.id);
        const url = answer.data && answer.data.authorizationUrl;
        if (!url || !/^https?:\/\//i.test(url)) {
            throw new Error('The registry did not answer an authorization address.');
        }
        if (opened) {
            opened.opener = null;
            opened.location.replace(url);
            announce('The provider\'s sign-in opened in a new tab. Come back here when you are done.');
        } else {
            location.assign(url);
        }
    } catch (failure) {
        if (opened) {
            opened.close();
        }
        if (failure.status !== 401) {
            problem.textContent = 'Could not start connecting: ' + failure.message;
            show(problem, true);
        }
    }
}

/** Checks the connection again whenever the user comes back to this tab, until another view is shown. */
export function refreshWhenBack(view) {
    const whenBack = () => {
        if (!view.app.isCurrent(view.token)) {
            window.removeEventListener('focus', whenBack);
            return;
        }
        const state = document.getElementById('connection-state');
        if (state && !view.connectionSection.hidden) {
            refreshConnection(view, state, document.getElementById('connect-account'),
                document.getElementById('disconnect-account'));
        }
    };
    window.addEventListener('focus', whenBack);
}

/**
 * The reservation of an add form left without saving, kept for the next add form of the same user while the
 * page lives, so that opening and leaving the form does not use up the company's open reservations.
 */
let unused = null;

/** Time left to a kept reservation for it to serve another form. */
const REUSE_MARGIN_MILLIS = 30 * 60 * 1000;

function keptFor(login) {
    if (unused && unused.login === login
            && Date.parse(unused.reservation.expiresAt) - Date.now() > REUSE_MARGIN_MILLIS) {
        return unused.reservation;
    }
    unused = null;
    return null;
}

/**
 * In the add form, as soon as OAuth2 is chosen, reserves an integration id (once per form) and shows the
 * redirect URI the integration will have, so that it can be registered at the provider before the provider
 * issues the client ID and secret. Saving sends the reserved id (see withReservedId). When the reservation
 * fails, the form says so and still saves: the redirect URI is then shown after saving.
 */
export function offerRedirectUri(view) {
    const fields = view.fields;
    view.reservation = keptFor(view.app.user && view.app.user.login);
    view.reserving = null;
    const problem = h('p', {class: 'notice notice-error reservation-error', id: 'reservation-error', role: 'alert',
        hidden: true});
    fields.redirectPending.after(problem);
    const offer = () => {
        if (!fields.oauth2Radio.checked) {
            return;
        }
        if (view.reservation) {
            showReserved(fields, view.reservation);
        } else if (!view.reserving) {
            view.reserving = reserve(view, problem).finally(() => {
                view.reserving = null;
            });
        }
    };
    fields.oauth2Radio.addEventListener('change', offer);
    offer();
}

/** The body of a new integration, with the id reserved for it while the reservation holds. */
export function withReservedId(view, body) {
    const reservation = view.reservation;
    if (reservation && Date.parse(reservation.expiresAt) > Date.now()) {
        body.reservedId = reservation.integrationId;
        if (unused && unused.reservation === reservation) {
            unused = null;
        }
    }
    return body;
}

async function reserve(view, problem) {
    show(problem, false);
    let reservation;
    try {
        reservation = (await api.reserveIntegrationId()).data || {};
    } catch (failure) {
        if (view.app.isCurrent(view.token) && failure.status !== 401) {
            problem.textContent = 'The redirect URI could not be reserved yet: ' + failure.message
                + ' You can still add the integration; its redirect URI is shown once it is saved.';
            show(problem, true);
        }
        return;
    }
    if (!view.app.isCurrent(view.token) || !reservation.integrationId || !reservation.redirectUri) {
        return;
    }
    view.reservation = reservation;
    unused = {login: view.app.user && view.app.user.login, reservation};
    if (view.fields.oauth2Radio.checked) {
        showReserved(view.fields, reservation);
        announce('The redirect URI to register at the provider is shown.');
    }
}

function showReserved(fields, reservation) {
    fields.redirectUri.value = reservation.redirectUri;
    const hint = fields.redirectKnown.querySelector('.hint');
    replace(hint, 'Register this address at the provider now, even before it gives you the client ID and secret: '
        + 'the integration keeps it when you add it (reserved until ', time(reservation.expiresAt), ').');
    show(fields.redirectKnown, true);
    show(fields.redirectPending, false);
}
