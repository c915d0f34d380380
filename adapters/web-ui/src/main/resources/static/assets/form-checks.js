/**
 * What the integration form checks before sending: the service's own rules for each field, as far as
 * the page can judge them (required fields, well-formed https URLs, the query string, scopes, and the
 * secret a newly chosen authentication type needs). The service still judges every field and has the
 * final word; these checks only spare a round trip and name every problem at once.
 */
import {savedType, selectedType} from './form-fields.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// characters that change the reading direction of the text around them
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
const MASK = /^[*\u2022\u25cf]+$/;
const QUERY_CHARACTER = /^[A-Za-z0-9\-._~!$'()*+,;=:@/?%]$/;
const URL_NOT_ALLOWED = /[\s<>"{}|\\^`]/;

/** The keys of the inputs checked, in page order. */
const CHECKED = ['name', 'baseApiUrl', 'requestParameters', 'authenticationType', 'authenticationUrl',
    'tokenEndpointUrl', 'clientId', 'clientSecret', 'scopes', 'apiKey'];

/** The problems of the typed values, as the service names them: [{field: key, message}], page order. */
export function checkAll(fields, integration) {
    return CHECKED.map(key => ({key, message: checkField(fields, integration, key)}))
        .filter(problem => problem.message);
}

/** What is wrong with one input now, in a sentence, or null (also for inputs of the other type). */
export function checkField(fields, integration, key) {
    const inputs = fields.inputs;
    const type = selectedType(fields);
    const value = key === 'authenticationType' ? type : inputs[key].value;
    switch (key) {
        case 'name':
            return singleLine('Name', value, 100)
                || (BIDI.test(value) ? 'Name must not contain characters that change the reading direction.' : null);
        case 'baseApiUrl':
            return url('Base API URL', value, {query: false});
        case 'requestParameters':
            return requestParameters(value);
        case 'authenticationType':
            return type ? null : 'Choose an authentication type.';
        case 'authenticationUrl':
            return type === 'OAUTH2' ? url('Authentication URL', value, {query: true}) : null;
        case 'tokenEndpointUrl':
            return type === 'OAUTH2' ? url('Token endpoint URL', value, {query: true}) : null;
        case 'clientId':
            return type === 'OAUTH2' ? singleLine('Client ID', value, 500) : null;
        case 'clientSecret':
            return type === 'OAUTH2' ? secret(fields, integration, 'Client secret', 'clientSecret', 'OAUTH2',
                stored => originOf(stored.tokenEndpointUrl), () => originOf(inputs.tokenEndpointUrl.value)) : null;
        case 'scopes':
            return type === 'OAUTH2' ? scopes(value) : null;
        case 'apiKey':
            return type === 'API_KEY' ? secret(fields, integration, 'API key', 'apiKey', 'API_KEY',
                () => originOf(integration.baseApiUrl), () => originOf(inputs.baseApiUrl.value)) : null;
        default:
            return null;
    }
}

function singleLine(label, raw, max) {
    const value = raw.trim();
    if (!value) {
        return `${label} must not be blank.`;
    }
    if ([...value].length > max) {
        return `${label} must be at most ${max} characters.`;
    }
    return CONTROL.test(value) ? `${label} must not contain control characters.` : null;
}

/** Whether the service accepts provider URLs over plain http (a development setting it tells in `/api/me`). */
let plainHttp = false;

export function acceptPlainHttp(accepted) {
    plainHttp = Boolean(accepted);
}

/** The rules every URL of an integration shares: absolute https with a host, no user-info, no fragment. */
function url(label, raw, {query}) {
    const value = raw.trim();
    if (!value) {
        return `${label} must not be blank.`;
    }
    if (value.length > 2000) {
        return `${label} must be at most 2000 characters.`;
    }
    if (URL_NOT_ALLOWED.test(value) || CONTROL.test(value)) {
        return `${label} contains a character that is not allowed in a URL, such as a space.`;
    }
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value);
    if (!scheme || !value.slice(scheme[0].length).startsWith('//')) {
        return `${label} must be a complete address such as https://provider.example/api.`;
    }
    const protocol = scheme[1].toLowerCase();
    if (protocol !== 'https' && !(plainHttp && protocol === 'http')) {
        return plainHttp ? `${label} must use https, or http on this development service.` : `${label} must use https.`;
    }
    let parsed;
    try {
        parsed = new URL(value);
    } catch (malformed) {
        return `${label} is not a well-formed address; check the server's name and port.`;
    }
    if (/^https?:\/\/[^/?#]*@/i.test(value)) {
        return `${label} must not contain a user name or password; they belong in the authentication fields.`;
    }
    if (/^https?:\/\/[^/?#]*[^\u0000-\u007f]/i.test(value)) {
        return `${label} must write an internationalised server name in its xn-- form.`;
    }
    if (!parsed.hostname) {
        return `${label} must name a server, such as provider.example.`;
    }
    if (value.includes('#')) {
        return `${label} must not contain a fragment (#…).`;
    }
    if (!query && value.includes('?')) {
        return `${label} must not contain a query; put it in Request parameters.`;
    }
    return /%(?![0-9A-Fa-f]{2})/.test(value) ? `${label} has a % that is not followed by two hexadecimal digits.` : null;
}

function requestParameters(raw) {
    let value = raw.trim();
    if (value.startsWith('?')) {
        value = value.slice(1);
    }
    if (!value) {
        return null;
    }
    if (value.length > 2000) {
        return 'Request parameters must be at most 2000 characters.';
    }
    for (const pair of value.split('&')) {
        if (!pair) {
            return 'Request parameters must be a query string such as k=v&k2=v2 (an empty pair between \'&\').';
        }
        const wrong = [...pair].find(character => !QUERY_CHARACTER.test(character));
        if (wrong) {
            return `Request parameters must be a query string such as k=v&k2=v2 (character '${
                /\s/.test(wrong) ? 'space' : wrong}' must be percent-encoded).`;
        }
        if (pair.startsWith('=')) {
            return 'Request parameters must be a query string such as k=v&k2=v2 (every pair needs a name before \'=\').';
        }
        if (/%(?![0-9A-Fa-f]{2})/.test(pair)) {
            return 'Request parameters have a % that is not followed by two hexadecimal digits.';
        }
    }
    return null;
}

function scopes(raw) {
    const tokens = raw.split(/\s+/).filter(token => token !== '');
    if (tokens.length > 50) {
        return 'Scopes must hold at most 50 scopes.';
    }
    const seen = new Map();
    for (let index = 0; index < tokens.length; index++) {
        const token = tokens[index];
        if (token.length > 200) {
            return `Scope ${index + 1} must be at most 200 characters.`;
        }
        if ([...token].some(c => c < '!' || c > '~' || c === '"' || c === '\\')) {
            return `Scope ${index + 1} must be a scope token: printable ASCII without space, '"' or '\\'.`;
        }
        if (seen.has(token)) {
            return `Scope ${index + 1} repeats scope ${seen.get(token) + 1}.`;
        }
        seen.set(token, index);
    }
    return null;
}

/**
 * An empty secret input keeps the stored secret of the same type: there is none on a new integration
 * nor when the type changes, so it is required then; and a stored secret only goes to the origin it
 * was saved for (the API key to the base URL's, the client secret to the token endpoint's).
 */
function secret(fields, integration, label, key, type, savedOrigin, typedOrigin) {
    const value = fields.inputs[key].value;
    if (value) {
        if (!value.trim()) {
            return `${label} must not be blank; leave it empty to keep the stored one.`;
        }
        if (value.length > 4096) {
            return `${label} must be at most 4096 characters.`;
        }
        if (CONTROL.test(value)) {
            return `${label} must not contain control characters.`;
        }
        return MASK.test(value) ? `${label} must be the secret itself, not a masked placeholder.` : null;
    }
    const stored = savedType(integration) === type ? integration.authentication[key] : null;
    if (!stored || !stored.set) {
        return savedType(integration) && savedType(integration) !== type
            ? `${label} is required when you switch to this authentication type.`
            : `${label} is required.`;
    }
    const before = savedOrigin(integration.authentication);
    const now = typedOrigin();
    return before && now && before !== now
        ? `${label} must be typed again to send it to another server (${now}).` : null;
}

/** Scheme, host and port of a URL (the default port left out), or null when it is not one. */
function originOf(value) {
    try {
        return value ? new URL(value.trim()).origin.toLowerCase() : null;
    } catch (malformed) {
        return null;
    }
}
