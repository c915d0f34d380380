/**
 * The history of one integration (route `#/integrations/{id}/history`), newest first unless the address asks
 * for the oldest first (`?order=asc`). The history comes whole, so turning its order needs no new request.
 */
import {api} from './api.js';
import {announce, focus, h, replace, show} from './dom.js';
import {changeList, computeChanges, eventBadge, eventMeta} from './changes.js';
import {loadState} from './load-state.js';
import {ORDER_LABELS, orderOf, orderToggle} from './order-toggle.js';

export async function renderHistory({app, container, token, id, params}) {
    const heading = h('h1', {tabindex: '-1', text: 'History'});
    const integrationLink = h('a', {href: `#/integrations/${encodeURIComponent(id)}`, text: 'Integration'});
    replace(container,
        h('nav', {class: 'breadcrumb', 'aria-label': 'Breadcrumb'},
            h('a', {href: '#/', text: 'Custom integrations'}), h('span', {'aria-hidden': 'true', text: ' › '}),
            integrationLink, h('span', {'aria-hidden': 'true', text: ' › '}),
            h('span', {'aria-current': 'page', text: 'History'})),
        heading);
    document.title = 'History · Integration registry';
    if (!app.can('audit')) {
        container.append(h('p', {class: 'notice notice-info',
            text: 'Only administrators and auditors can see the history of an integration.'}));
        focus(heading);
        return;
    }

    const view = {app, token, id, heading, integrationLink, order: orderOf(params), events: null, trail: null};
    view.lead = h('p', {class: 'lead', id: 'history-lead'});
    view.list = h('ol', {class: 'timeline', id: 'history-list', 'aria-labelledby': 'history-list-heading'});
    view.listHeading = h('h2', {class: 'visually-hidden', id: 'history-list-heading'});
    view.toggle = orderToggle({id: 'history-order', order: view.order, onChange: order => {
        view.order = order;
        history.replaceState(null, '', `#/integrations/${encodeURIComponent(id)}/history`
            + (order === 'asc' ? '?order=asc' : ''));
        showEvents(view);
        announce(`The history is shown ${ORDER_LABELS[order]}.`);
    }});
    view.results = h('div', {class: 'history-results', id: 'history-results', hidden: true}, view.lead,
        view.toggle, view.listHeading, view.list);
    view.loadState = loadState({id: 'history', region: view.results, loadingText: 'Loading the history…',
        failedText: 'The history could not be loaded'});
    container.append(view.loadState.element, view.results,
        h('p', {class: 'actions-row'},
            h('a', {class: 'button', href: `#/audit?integrationId=${encodeURIComponent(id)}`,
                text: 'Open in the audit trail'}),
            h('a', {class: 'button button-quiet', href: `#/integrations/${encodeURIComponent(id)}`,
                text: 'Back to the integration'})));
    focus(heading);
    await load(view);
}

async function load(view) {
    const {app, token, id, heading} = view;
    view.loadState.start();
    const [integration, history, trail] = await Promise.all([
        api.getIntegration(id).then(answer => answer.data).catch(() => null),
        api.history(id).then(answer => answer.data).catch(failure => failure),
        auditEntries(id).catch(() => new Map())
    ]);
    if (!app.isCurrent(token)) {
        return;
    }
    if (history instanceof Error) {
        if (history.status === 401) {
            return;
        }
        if (history.status === 404) {
            view.loadState.done();
            view.results.before(h('p', {class: 'notice notice-error', role: 'alert',
                text: 'This integration does not exist, or it belongs to another company.'}));
        } else {
            view.loadState.failed(history, () => load(view));
        }
        return;
    }
    if (integration) {
        heading.textContent = `History of ${integration.name}`;
        view.integrationLink.textContent = integration.name;
        document.title = `History of ${integration.name} · Integration registry`;
    }
    view.events = history.items || [];
    view.trail = trail;
    show(view.results, true);
    view.loadState.done();
    showEvents(view);
}

/** Shows the events in the chosen order; each one's changes are those of its audit entry, or computed. */
function showEvents(view) {
    const events = view.events;
    const computed = computeChanges(events);
    const entries = events.map((event, index) => {
        const audited = view.trail.get(event.eventId);
        return h('li', {class: 'history-entry', dataset: {type: event.type, version: String(event.version)}},
            h('div', {class: 'entry-header'}, eventBadge(event.type)),
            eventMeta(event),
            changeList(audited ? audited.changes : computed[index], event.type),
            h('p', {class: 'history-view-as-of'}, h('a', {
                href: `#/integrations/${encodeURIComponent(view.id)}?version=${encodeURIComponent(event.version)}`,
                dataset: {version: String(event.version)}
            }, 'View as of this version', h('span', {class: 'visually-hidden', text: ` (version ${event.version})`}))));
    });
    if (view.order === 'desc') {
        entries.reverse();
    }
    replace(view.list, entries);
    view.listHeading.textContent = `Changes, ${ORDER_LABELS[view.order]}`;
    view.lead.textContent = `${events.length} ${events.length === 1 ? 'change' : 'changes'}, `
        + `${ORDER_LABELS[view.order]}, straight from the event store. Secrets appear only as changed, never with a `
        + 'value.';
}

/** The audit trail's entries of one integration by event id (they carry the changes, secrets included). */
async function auditEntries(id) {
    const entries = new Map();
    let cursor = null;
    for (let page = 0; page < 10; page++) {
        const answer = await api.audit({integrationId: id}, cursor, 200);
        (answer.data.items || []).forEach(entry => entries.set(entry.eventId, entry));
        cursor = answer.data.next;
        if (!cursor) {
            break;
        }
    }
    return entries;
}
