/** How the history and the audit trail show an event: its kind, who, when, and what changed. */
import {h, time} from './dom.js';

export const EVENT_TYPES = {
    ADDED: 'Added',
    EDITED: 'Edited',
    ACTIVATED: 'Activated',
    DEACTIVATED: 'Deactivated',
    TESTED: 'Connection tested'
};

const TEST_OUTCOMES = {PASSED: 'Passed', FAILED: 'Failed', REFUSED: 'Not run (refused)'};

/** A connection test's entry: how it ended, in one sentence, and the origins the registry called. */
export function testSummary(test) {
    if (!test) {
        return null;
    }
    const outcome = String(test.outcome || '');
    const origins = Array.isArray(test.origins) ? test.origins : [];
    return h('div', {class: 'test-summary', dataset: {outcome}},
        h('p', {},
            h('span', {class: `badge test-${outcome.toLowerCase()}`, text: TEST_OUTCOMES[outcome] || outcome}),
            test.summary ? h('span', {class: 'test-sentence', text: ' ' + test.summary}) : null),
        h('p', {class: 'test-origins'},
            origins.length === 0 ? h('span', {class: 'muted', text: 'No request was sent.'})
                : [h('span', {text: 'Requests sent to: '}),
                    ...origins.map((origin, index) => [index > 0 ? ', ' : null,
                        h('code', {class: 'test-origin', text: origin})])]));
}

const FIELD_LABELS = {
    'name': 'Name',
    'baseApiUrl': 'Base API URL',
    'requestParameters': 'Request parameters',
    'status': 'Status',
    'active': 'Active',
    'authentication.type': 'Authentication type',
    'authentication.authenticationUrl': 'Authentication URL',
    'authentication.tokenEndpointUrl': 'Token endpoint URL',
    'authentication.clientId': 'Client ID',
    'authentication.clientSecret': 'Client secret',
    'authentication.redirectUri': 'Redirect URI',
    'authentication.scopes': 'Scopes',
    'authentication.apiKey': 'API key'
};

const SOURCES = {ui: 'admin page', api: 'API', system: 'system'};

function shown(field, value) {
    if (value === null || value === undefined || value === '') {
        return h('span', {class: 'muted', text: 'empty'});
    }
    if (field === 'authentication.type') {
        return ({OAUTH2: 'OAuth2', API_KEY: 'API key'})[value] || String(value);
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A list of changes [{field, before, after} | {field, changed: true}]. */
export function changeList(changes, eventType) {
    if (!changes || changes.length === 0) {
        return null;
    }
    return h('ul', {class: 'changes'}, changes.map(change => {
        const label = FIELD_LABELS[change.field] || change.field;
        if (change.changed !== undefined && !('before' in change) && !('after' in change)) {
            return h('li', {class: 'change change-secret', dataset: {field: change.field}},
                h('span', {class: 'change-field', text: label}),
                h('span', {class: 'change-values', text: !change.changed ? 'unchanged'
                        : (eventType === 'ADDED' ? 'set (the value is never shown)' : 'changed (the value is never shown)')}));
        }
        const before = change.before === null || change.before === undefined;
        return h('li', {class: 'change', dataset: {field: change.field}},
            h('span', {class: 'change-field', text: label}),
            h('span', {class: 'change-values'},
                before ? null : h('span', {class: 'change-before'},
                    h('span', {class: 'visually-hidden', text: 'from '}), shown(change.field, change.before)),
                before ? null : h('span', {class: 'change-arrow', 'aria-hidden': 'true', text: ' → '}),
                h('span', {class: 'change-after'},
                    h('span', {class: 'visually-hidden', text: before ? 'set to ' : ' to '}),
                    shown(change.field, change.after))));
    }));
}

/** "by alice · 29 Nov 2026, 10:15:30 · via admin page". */
export function eventMeta(entry) {
    return h('p', {class: 'event-meta'},
        'by ', h('span', {class: 'event-actor', text: entry.actor || 'unknown'}),
        ' · ', time(entry.at, true),
        entry.source ? ` · via ${SOURCES[entry.source] || entry.source}` : null,
        entry.version !== undefined && entry.version !== null ? ` · version ${entry.version}` : null,
        entry.requestId ? h('span', {class: 'event-request', title: 'Request id', text: ` · request ${entry.requestId}`})
            : null);
}

/** The type badge of an event. */
export function eventBadge(type) {
    return h('span', {class: `event-type event-${String(type).toLowerCase()}`, text: EVENT_TYPES[type] || type});
}

function flatten(payload) {
    const flat = {};
    if (!payload) {
        return flat;
    }
    ['name', 'baseApiUrl', 'requestParameters'].forEach(field => {
        if (field in payload) {
            flat[field] = payload[field];
        }
    });
    const auth = payload.authentication || {};
    ['type', 'authenticationUrl', 'tokenEndpointUrl', 'clientId', 'redirectUri'].forEach(field => {
        flat[`authentication.${field}`] = auth[field] === undefined ? null : auth[field];
    });
    // as the audit trail shows them: space-separated, none as no value
    flat['authentication.scopes'] = auth.scopes && auth.scopes.length ? auth.scopes.join(' ') : null;
    ['clientSecret', 'apiKey'].forEach(field => {
        flat[`authentication.${field}`] = auth[field] && auth[field].set ? 'set' : null;
    });
    return flat;
}

/**
 * The changes of each event of a history, computed from the stored payloads (used when the audit trail
 * has not got them yet). A replaced secret cannot be seen there; only whether one is set.
 */
export function computeChanges(events) {
    let previous = {};
    let status = null;
    return events.map(event => {
        const changes = [];
        if (event.type === 'ADDED' || event.type === 'EDITED') {
            const current = flatten(event.payload);
            Object.keys(current).forEach(field => {
                const before = previous[field] === undefined ? null : previous[field];
                const after = current[field];
                if (before !== after && !(before === null && after === '') && !(before === '' && after === null)) {
                    if (field.endsWith('clientSecret') || field.endsWith('apiKey')) {
                        changes.push({field, changed: true});
                    } else {
                        changes.push({field, before, after});
                    }
                }
            });
            previous = current;
            if (event.type === 'ADDED') {
                const active = event.payload && event.payload.active !== false;
                status = active ? 'ACTIVE' : 'INACTIVE';
                changes.splice(3, 0, {field: 'status', before: null, after: status});
            }
        } else if (event.type === 'ACTIVATED' || event.type === 'DEACTIVATED') {
            const after = event.type === 'ACTIVATED' ? 'ACTIVE' : 'INACTIVE';
            changes.push({field: 'status', before: status, after});
            status = after;
        }
        return changes;
    });
}
