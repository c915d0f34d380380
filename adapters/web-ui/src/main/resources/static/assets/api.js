/**
 * The REST API of the registry, as this page calls it. The credentials live in sessionStorage only
 * (gone when the tab closes, never in localStorage, never in a URL) and travel in the Authorization
 * header of every call. A user signed in through the identity provider has no credentials here: the
 * service's session cookie goes along instead, and a call that changes data carries the CSRF token.
 */
import {csrfToken} from './provider-sign-in.js';

const READS = ['GET', 'HEAD'];

const STORAGE_KEY = 'integration-registry.authorization';

let onSignedOut = () => {
};

export const session = {
    authorization() {
        try {
            return sessionStorage.getItem(STORAGE_KEY);
        } catch (unavailable) {
            return null;
        }
    },
    remember(authorization) {
        sessionStorage.setItem(STORAGE_KEY, authorization);
    },
    forget() {
        try {
            sessionStorage.removeItem(STORAGE_KEY);
        } catch (unavailable) {
            // nothing stored
        }
    },
    /** Called when the service says the stored credentials are no longer accepted. */
    whenSignedOut(callback) {
        onSignedOut = callback;
    }
};

/** The Authorization header value of user name and password (UTF-8, as HTTP Basic expects). */
export function basicAuthorization(username, password) {
    const bytes = new TextEncoder().encode(`${username}:${password}`);
    let binary = '';
    bytes.forEach(byte => {
        binary += String.fromCharCode(byte);
    });
    return 'Basic ' + btoa(binary);
}

/** An answer other than 2xx, with its RFC 9457 problem detail when there is one. */
export class ApiError extends Error {
    constructor(status, problem) {
        super((problem && (problem.detail || problem.title)) || `The service answered ${status}`);
        this.status = status;
        this.problem = problem || {};
    }

    /** The field errors of a validation problem: [{field, rule, message}]. */
    get fieldErrors() {
        return Array.isArray(this.problem.errors) ? this.problem.errors : [];
    }
}

function headers(extra, authorization) {
    const all = new Headers({
        'X-Requested-With': 'XMLHttpRequest',
        'X-Registry-Source': 'ui',
        'Accept': 'application/json, application/problem+json'
    });
    if (authorization) {
        all.set('Authorization', authorization);
    }
    Object.entries(extra || {}).forEach(([name, value]) => {
        if (value !== undefined && value !== null) {
            all.set(name, value);
        }
    });
    return all;
}

async function send(method, path, options = {}) {
    const authorization = options.authorization !== undefined ? options.authorization : session.authorization();
    const requestHeaders = headers(options.headers, authorization);
    let body;
    if (!authorization && !READS.includes(method)) {
        const token = csrfToken();
        if (token) {
            requestHeaders.set('X-XSRF-TOKEN', token);
        }
    }
    if (options.body !== undefined) {
        requestHeaders.set('Content-Type', 'application/json');
        body = JSON.stringify(options.body);
    }
    let response;
    try {
        // With credentials, no cookie travels, except where the service sets one this browser must keep (see
        // authorizationUrl); without, the session cookie of a sign-in through the identity provider does.
        const credentials = options.keepCookies || !authorization ? 'same-origin' : 'omit';
        response = await fetch(path, {method, headers: requestHeaders, body, cache: 'no-store', credentials});
    } catch (unreachable) {
        throw new ApiError(0, {
            title: 'The service cannot be reached',
            detail: 'The service cannot be reached. Check your connection and try again.'
        });
    }
    if (options.raw && response.ok) {
        return response;
    }
    const type = response.headers.get('Content-Type') || '';
    let data = null;
    if (response.status !== 204 && type.includes('json')) {
        data = await response.json().catch(() => null);
    }
    if (!response.ok) {
        if (response.status === 401 && !options.signingIn) {
            session.forget();
            onSignedOut('Your session has ended. Please sign in again.');
        }
        throw new ApiError(response.status, data || {title: response.statusText || `HTTP ${response.status}`});
    }
    return {status: response.status, data, etag: response.headers.get('ETag')};
}

/** The answers of the registry's endpoints. */
export const api = {
    signInMethod: () => send('GET', '/auth/method', {authorization: null}),
    me: (authorization) => send('GET', '/api/me', authorization
        ? {authorization, signingIn: true} : {}),
    /** The user of the session cookie (a sign-in through the identity provider); 401 when there is none. */
    sessionUser: () => send('GET', '/api/me', {authorization: null, signingIn: true}),

    listIntegrations: ({status, q, sort, direction, page, size}) => {
        const query = new URLSearchParams();
        if (status) {
            query.set('status', status);
        }
        if (q) {
            query.set('q', q);
        }
        if (sort) {
            query.set('sort', sort);
        }
        if (direction) {
            query.set('direction', direction);
        }
        query.set('page', String(page || 0));
        query.set('size', String(size || 20));
        return send('GET', `/api/integrations?${query}`);
    },
    getIntegration: (id) => send('GET', `/api/integrations/${encodeURIComponent(id)}`),
    /** The integration as it was at a version (`{version}`) or an instant (`{asOf}`); administrators and auditors only. */
    getIntegrationAsOf: (id, choice) => send('GET', `/api/integrations/${encodeURIComponent(id)}?${new URLSearchParams(choice)}`),
    addIntegration: (body) => send('POST', '/api/integrations', {body}),
    /** Reserves an integration id for the next integration: {integrationId, redirectUri, expiresAt}. */
    reserveIntegrationId: () => send('POST', '/api/integrations/reservations'),
    editIntegration: (id, body, etag) => send('PUT', `/api/integrations/${encodeURIComponent(id)}`,
        {body, headers: {'If-Match': etag}}),
    setActive: (id, active, etag) => send('POST',
        `/api/integrations/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`,
        {headers: etag ? {'If-Match': etag} : {}}),
    testNew: (body) => send('POST', '/api/integrations/test', {body}),
    testSaved: (id, body) => send('POST', `/api/integrations/${encodeURIComponent(id)}/test`, {body}),

    connection: (id) => send('GET', `/api/integrations/${encodeURIComponent(id)}/oauth2/connection`),
    // The answer sets a cookie that binds the flow to this browser: the callback refuses any other one.
    authorizationUrl: (id) => send('GET', `/api/integrations/${encodeURIComponent(id)}/oauth2/authorize`,
        {keepCookies: true}),
    disconnect: (id) => send('DELETE', `/api/integrations/${encodeURIComponent(id)}/oauth2/connection`),

    history: (id) => send('GET', `/api/integrations/${encodeURIComponent(id)}/history`),
    /** One page of an integration's provider calls, newest first; `outcome` narrows them to one outcome. */
    providerCalls: (id, {outcome, cursor, size = 25} = {}) => {
        const query = auditQuery({outcome, cursor});
        query.set('size', String(size));
        return send('GET', `/api/integrations/${encodeURIComponent(id)}/provider-calls?${query}`);
    },
    audit: (filters, cursor, size = 50) => {
        const query = auditQuery(filters);
        if (cursor) {
            query.set('cursor', cursor);
        }
        query.set('size', String(size));
        return send('GET', `/api/audit?${query}`);
    },
    auditExport: (filters, format) => {
        const query = auditQuery(filters);
        query.set('format', format);
        return send('GET', `/api/audit/export?${query}`, {
            raw: true,
            headers: {'Accept': format === 'csv' ? 'text/csv, application/problem+json'
                    : 'application/x-ndjson, application/problem+json'}
        });
    }
};

/** The query string of the audit filters that are set. */
export function auditQuery(filters) {
    const query = new URLSearchParams();
    Object.entries(filters || {}).forEach(([name, value]) => {
        if (value) {
            query.set(name, value);
        }
    });
    return query;
}
