/**
 * An integration read by someone who may not change it (an auditor, a document user), or by anyone
 * looking at one of its past states (`#/integrations/{id}?version=3` or `?asOf=…`): its values as text,
 * secrets only as set or not set, without the form's inputs, hints and buttons. Document users keep
 * their own OAuth2 connection; administrators and auditors get the history, the past states and the
 * provider calls.
 */
import {api} from './api.js';
import {focus, h, replace, statusBadge, time} from './dom.js';
import {AUTH_TYPE_WORDS, detailsList} from './integration-diff.js';
import {buildAsOf} from './as-of.js';
import {buildConnectionSection, refreshWhenBack, renderConnection} from './oauth2-connection.js';
import {buildProviderCalls, showHealth} from './provider-calls.js';
import {loadIntegrationPage} from './load-state.js';

/** Whether the integration's route shows this read-only view rather than the form. */
export function readsOnly(app, params) {
    return !app.can('write') || params.has('version') || params.has('asOf');
}

export async function renderIntegrationView({app, container, token, id, params}) {
    const auditor = app.can('audit');
    const loaded = await loadIntegrationPage({app, container, token,
        load: () => Promise.all([
            api.getIntegration(id).then(answer => answer.data),
            // the versions to choose from, and who created the integration
            auditor ? api.history(id).then(answer => answer.data.items || []).catch(() => null) : null]),
        again: () => renderIntegrationView({app, container, token, id, params})});
    if (!loaded) {
        return;
    }
    const [integration, history] = loaded;

    const view = {app, token, id, integration, history, connectionRequest: 0};
    const heading = h('h1', {tabindex: '-1', id: 'view-heading', text: integration.name});
    const type = integration.authentication ? integration.authentication.type : null;
    view.connectionSection = buildConnectionSection();
    view.providerCalls = buildProviderCalls(view);
    const createdBy = history && history.length ? history[0].actor : null;
    const details = h('section', {class: 'card integration-details', id: 'integration-details',
            'aria-labelledby': 'details-heading'},
        h('h2', {id: 'details-heading', text: 'Details'}),
        detailsList(integration, {id: 'details-list', createdBy}));
    const asOf = auditor ? buildAsOf(view, params) : null;

    replace(container,
        h('nav', {class: 'breadcrumb', 'aria-label': 'Breadcrumb'},
            h('a', {href: '#/', text: 'Custom integrations'}), h('span', {'aria-hidden': 'true', text: ' › '}),
            h('span', {'aria-current': 'page', text: 'Integration'})),
        h('div', {class: 'page-header'},
            h('div', {},
                heading,
                h('p', {class: 'lead'}, statusBadge(integration.status), ' ', AUTH_TYPE_WORDS[type] || type || '',
                    ' · last changed by ', integration.lastChangedBy || '—', ' ', time(integration.updatedAt))),
            headerActions(app, id)),
        h('p', {class: 'notice notice-info', id: 'read-only-notice', text: readOnlyNotice(app)}),
        !auditor && (params.has('version') || params.has('asOf'))
            ? h('p', {class: 'notice notice-info', id: 'as-of-denied', role: 'status',
                text: 'Only administrators and auditors can see past states of an integration; this is its current state.'})
            : null,
        h('div', {class: 'view-layout'}, details, view.connectionSection),
        asOf && asOf.section,
        view.providerCalls.section);
    document.title = `${integration.name} · Integration registry`;
    renderConnection(view);
    refreshWhenBack(view);
    showHealth(view.providerCalls, integration);
    focus(heading);
}

function headerActions(app, id) {
    const path = `#/integrations/${encodeURIComponent(id)}`;
    const actions = [
        app.can('audit') ? h('a', {class: 'button', id: 'open-history', href: `${path}/history`, text: 'History'}) : null,
        app.can('write') ? h('a', {class: 'button button-primary', id: 'edit-integration', href: path,
            text: 'Edit the current integration'}) : null
    ].filter(Boolean);
    return actions.length ? h('div', {class: 'header-actions'}, actions) : null;
}

function readOnlyNotice(app) {
    if (app.can('write')) {
        return 'This page shows the integration\'s values as text; edit it from its current state.';
    }
    return app.can('connect')
        ? 'You can view this integration and connect your own provider account; only administrators can change it.'
        : 'You can view this integration; only administrators can change it.';
}
