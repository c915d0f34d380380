/**
 * An integration's values as text, for readers who may not change it: a definition list of what it is,
 * and the differences between two of its states (a past one and the current one). Secrets appear only
 * as set or not set; the service never answers their values.
 */
import {formatTime, h, time} from './dom.js';

/** The authentication types in words. */
export const AUTH_TYPE_WORDS = {OAUTH2: 'OAuth 2.0', API_KEY: 'API key'};

/** The fields that make up an integration's state, in the order they are shown; `meta` ones are not compared. */
const FIELDS = [
    {key: 'name', label: 'Name'},
    {key: 'baseApiUrl', label: 'Base API URL', code: true},
    {key: 'status', label: 'Status'},
    {key: 'authType', label: 'Authentication type'},
    {key: 'clientId', label: 'Client ID', code: true, oauth2: true},
    {key: 'clientSecret', label: 'Client secret', secret: true, oauth2: true},
    {key: 'authenticationUrl', label: 'Authorization URL', code: true, oauth2: true},
    {key: 'tokenEndpointUrl', label: 'Token URL', code: true, oauth2: true},
    {key: 'scopes', label: 'Scopes', code: true, oauth2: true},
    {key: 'redirectUri', label: 'Redirect URI', code: true, oauth2: true},
    {key: 'apiKey', label: 'API key', secret: true, apiKey: true},
    {key: 'requestParameters', label: 'Request parameters', code: true},
    {key: 'created', label: 'Created', meta: true},
    {key: 'changed', label: 'Last changed', meta: true},
    {key: 'version', label: 'Version', meta: true}
];

function secret(value) {
    if (!value || !value.set) {
        return {text: 'not set', set: false, last4: null};
    }
    return {text: 'set', set: true, last4: value.last4 || null};
}

/**
 * The state of an integration as plain values: text for each field, null where there is none. `createdBy`
 * is known only to those who may read the history.
 */
export function valuesOf(integration, createdBy = null) {
    const auth = (integration && integration.authentication) || {};
    const type = auth.type || null;
    return {
        name: integration.name || null,
        baseApiUrl: integration.baseApiUrl || null,
        status: integration.status === 'ACTIVE' ? 'Active' : (integration.status ? 'Inactive' : null),
        authType: AUTH_TYPE_WORDS[type] || type,
        clientId: type === 'OAUTH2' ? auth.clientId || null : null,
        clientSecret: type === 'OAUTH2' ? secret(auth.clientSecret) : null,
        authenticationUrl: type === 'OAUTH2' ? auth.authenticationUrl || null : null,
        tokenEndpointUrl: type === 'OAUTH2' ? auth.tokenEndpointUrl || null : null,
        scopes: type === 'OAUTH2' && auth.scopes && auth.scopes.length ? auth.scopes.join(' ') : null,
        redirectUri: type === 'OAUTH2' ? auth.redirectUri || null : null,
        apiKey: type === 'API_KEY' ? secret(auth.apiKey) : null,
        requestParameters: integration.requestParameters || null,
        created: {at: integration.createdAt, by: createdBy},
        changed: {at: integration.updatedAt, by: integration.lastChangedBy},
        version: integration.version === undefined || integration.version === null ? null
            : String(integration.version)
    };
}

function none() {
    return h('span', {class: 'muted', text: 'none'});
}

/** One value as the page shows it; a secret only as set or not set. */
function shown(field, value) {
    if (field.secret) {
        return value ? h('span', {class: value.set ? 'secret-set' : 'muted', text: value.text}) : none();
    }
    if (field.meta && field.key !== 'version') {
        if (!value || !value.at) {
            return none();
        }
        return h('span', {}, time(value.at), value.by ? [' by ', h('span', {class: 'actor', text: value.by})] : null);
    }
    if (value === null || value === undefined || value === '') {
        return none();
    }
    return field.code ? h('code', {class: 'value-code', text: value}) : h('span', {text: value});
}

/** Whether a field belongs to the integration's kind of authentication. */
function applies(field, values) {
    if (field.oauth2) {
        return values.authType === AUTH_TYPE_WORDS.OAUTH2;
    }
    if (field.apiKey) {
        return values.authType === AUTH_TYPE_WORDS.API_KEY;
    }
    return true;
}

/** The integration as a definition list; fields of another kind of authentication are left out. */
export function detailsList(integration, {id, createdBy} = {}) {
    const values = valuesOf(integration, createdBy);
    return h('dl', {class: 'details-list', id},
        FIELDS.filter(field => applies(field, values)).map(field =>
            h('div', {class: 'details-row', dataset: {field: field.key}},
                h('dt', {text: field.label}),
                h('dd', {}, shown(field, values[field.key])))));
}

function same(field, before, after) {
    if (field.secret) {
        const wasSet = Boolean(before && before.set);
        const isSet = Boolean(after && after.set);
        // a replaced long secret shows other last four characters; a short one cannot be told apart
        return wasSet === isSet && (!wasSet || before.last4 === after.last4);
    }
    return (before || null) === (after || null);
}

/** The fields whose values differ between two states: [{key, label, field, before, after}]. */
export function differences(past, current) {
    const before = valuesOf(past);
    const after = valuesOf(current);
    return FIELDS.filter(field => !field.meta && !same(field, before[field.key], after[field.key]))
        .map(field => ({key: field.key, label: field.label, field, before: before[field.key], after: after[field.key]}));
}

function secretChange(change) {
    const {before, after} = change;
    if (before && after && before.set && after.set) {
        return ['set', 'replaced (the values are never shown)'];
    }
    return [before ? before.text : 'not set', after ? after.text : 'not set'];
}

/**
 * A table of the fields that differ, the past value beside the current one; "No differences" when the
 * two states are equal. Unchanged fields are not listed.
 */
export function differencesTable(past, current, {pastLabel, currentLabel}) {
    const changes = differences(past, current);
    if (changes.length === 0) {
        return h('p', {class: 'notice notice-info no-differences', id: 'as-of-no-differences',
            text: 'No differences: the integration is the same now.'});
    }
    return h('div', {class: 'diff-wrap'},
        h('table', {class: 'data-table diff-table', id: 'as-of-differences'},
            h('caption', {class: 'visually-hidden', text: `Fields that differ between ${pastLabel} and ${currentLabel}`}),
            h('thead', {}, h('tr', {},
                h('th', {scope: 'col', text: 'Field'}),
                h('th', {scope: 'col', text: pastLabel}),
                h('th', {scope: 'col', text: currentLabel}))),
            h('tbody', {}, changes.map(change => {
                const [before, after] = change.field.secret ? secretChange(change).map(text => h('span', {text}))
                    : [shown(change.field, change.before), shown(change.field, change.after)];
                return h('tr', {class: 'diff-row', dataset: {field: change.key}},
                    h('th', {scope: 'row', text: change.label}),
                    h('td', {class: 'diff-before'}, before),
                    h('td', {class: 'diff-after'}, after));
            }))),
        h('p', {class: 'muted diff-note', text: `${changes.length} ${changes.length === 1 ? 'field differs' : 'fields differ'}; `
                + 'unchanged fields are not listed.'}));
}

/** "version 3 (1 Dec 2026, 10:00 by alice)": a state named by its version and last change. */
export function stateName(integration) {
    const by = integration.lastChangedBy ? ` by ${integration.lastChangedBy}` : '';
    return `version ${integration.version} (${formatTime(integration.updatedAt)}${by})`;
}
