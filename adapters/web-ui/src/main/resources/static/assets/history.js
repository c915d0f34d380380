/** The history of one integration (route `#/integrations/{id}/history`), oldest event first. */
import {api} from './api.js';
import {focus, h, replace} from './dom.js';
import {changeList, computeChanges, eventBadge, eventMeta} from './changes.js';

export async function renderHistory({app, container, token, id}) {
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
        container.append(h('p', {class: 'notice notice-error', role: 'alert', text: history.status === 404
                ? 'This integration does not exist, or it belongs to another company.'
                : 'The history could not be loaded: ' + history.message}));
        focus(heading);
        return;
    }
    if (integration) {
        heading.textContent = `History of ${integration.name}`;
        integrationLink.textContent = integration.name;
        document.title = `History of ${integration.name} · Integration registry`;
    }

    const events = history.items || [];
    const computed = computeChanges(events);
    const list = h('ol', {class: 'timeline', id: 'history-list'},
        events.map((event, index) => {
            const audited = trail.get(event.eventId);
            return h('li', {class: 'history-entry', dataset: {type: event.type, version: String(event.version)}},
                h('div', {class: 'entry-header'}, eventBadge(event.type)),
                eventMeta(event),
                changeList(audited ? audited.changes : computed[index], event.type),
                h('p', {class: 'history-view-as-of'}, h('a', {
                    href: `#/integrations/${encodeURIComponent(id)}?version=${encodeURIComponent(event.version)}`,
                    dataset: {version: String(event.version)}
                }, 'View as of this version', h('span', {class: 'visually-hidden', text: ` (version ${event.version})`}))));
        }));
    container.append(
        h('p', {class: 'lead', text: `${events.length} ${events.length === 1 ? 'change' : 'changes'}, oldest first, `
                + 'straight from the event store. Secrets appear only as changed, never with a value.'}),
        list,
        h('p', {class: 'actions-row'},
            h('a', {class: 'button', href: `#/audit?integrationId=${encodeURIComponent(id)}`,
                text: 'Open in the audit trail'}),
            h('a', {class: 'button button-quiet', href: `#/integrations/${encodeURIComponent(id)}`,
                text: 'Back to the integration'})));
    focus(heading);
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
