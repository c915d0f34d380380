/**
 * "View as of": an integration as it was at one of its versions or at an instant, folded by the service
 * from the integration's events, beside the differences from its current state. The choice is kept in
 * the page's address (`?version=3` or `?asOf=<RFC 3339 instant>`), so the address can be shared and
 * opens the same past state. Only administrators and auditors may read past states.
 */
import {api} from './api.js';
import {announce, focus, formatTime, h, replace, show} from './dom.js';
import {EVENT_TYPES} from './changes.js';
import {detailsList, differencesTable, stateName} from './integration-diff.js';

/**
 * Builds the section of the integration `view` ({app, token, id, integration, history}) and, when the
 * address names a version or an instant (`params`), shows that past state at once.
 */
export function buildAsOf(view, params) {
    const asOf = {view, request: 0};
    const events = view.history || [];
    asOf.versionSelect = h('select', {id: 'as-of-version', name: 'version'},
        events.slice().reverse().map(event => h('option', {value: String(event.version),
            text: `Version ${event.version}: ${EVENT_TYPES[event.type] || event.type} by ${event.actor || 'unknown'}, `
                + formatTime(event.at)})));
    asOf.instantInput = h('input', {type: 'datetime-local', id: 'as-of-instant', name: 'asOf', step: '1',
        'aria-describedby': 'as-of-instant-zone'});
    asOf.result = h('div', {class: 'as-of-result', id: 'as-of-result'});
    const versionForm = h('form', {class: 'as-of-form', id: 'as-of-version-form', novalidate: true},
        h('div', {class: 'field'}, h('label', {for: 'as-of-version', text: 'Version'}), asOf.versionSelect),
        h('button', {type: 'submit', class: 'button', id: 'as-of-version-show', text: 'Show this version'}));
    const instantForm = h('form', {class: 'as-of-form', id: 'as-of-instant-form', novalidate: true},
        h('div', {class: 'field'},
            h('label', {for: 'as-of-instant', text: 'Date and time'}),
            h('p', {class: 'as-of-zone muted', id: 'as-of-instant-zone', text: `In your time zone, ${zoneName()}.`}),
            asOf.instantInput),
        h('button', {type: 'submit', class: 'button', id: 'as-of-instant-show', text: 'Show as of this time'}));
    asOf.section = h('section', {class: 'card as-of', id: 'as-of', 'aria-labelledby': 'as-of-heading'},
        h('h2', {id: 'as-of-heading', text: 'View as of a version or a time'}),
        events.length ? h('div', {class: 'as-of-controls'}, versionForm, instantForm) : instantForm,
        asOf.result);
    if (!events.length) {
        versionForm.remove();
    }
    versionForm.addEventListener('submit', event => {
        event.preventDefault();
        choose(asOf, {version: asOf.versionSelect.value});
    });
    instantForm.addEventListener('submit', event => {
        event.preventDefault();
        const instant = toInstant(asOf.instantInput.value);
        if (!instant) {
            showProblem(asOf, 'Enter a date and a time.', null);
            focus(asOf.instantInput);
            return;
        }
        choose(asOf, {asOf: instant});
    });

    const version = params.get('version');
    const instant = params.get('asOf');
    if (version !== null || instant !== null) {
        if (version !== null && asOf.versionSelect.querySelector(`option[value="${CSS.escape(version)}"]`)) {
            asOf.versionSelect.value = version;
        }
        if (instant !== null) {
            asOf.instantInput.value = toLocalInput(instant);
        }
        asOf.pending = load(asOf, version !== null ? {version} : {asOf: instant}, false);
    }
    return asOf;
}

/** The browser's time zone, e.g. "Europe/Berlin (UTC+01:00)". */
function zoneName() {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
    const minutes = -new Date().getTimezoneOffset();
    const sign = minutes < 0 ? '-' : '+';
    const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
    return `${zone} (UTC${sign}${hours}:${String(Math.abs(minutes) % 60).padStart(2, '0')})`;
}

/** The RFC 3339 instant of a datetime-local value, read in the browser's time zone; null when incomplete. */
export function toInstant(local) {
    if (!local) {
        return null;
    }
    const date = new Date(local);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The datetime-local value (local time, to the second) of an instant; empty when it is none. */
function toLocalInput(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return '';
    }
    const two = number => String(number).padStart(2, '0');
    return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:`
        + `${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** Keeps the choice in the address without a new navigation, then shows it. */
function choose(asOf, choice) {
    const query = new URLSearchParams(choice);
    history.replaceState(history.state, '', `#/integrations/${encodeURIComponent(asOf.view.id)}?${query}`);
    load(asOf, choice, true);
}

async function load(asOf, choice, announcing) {
    const {app, token, id} = asOf.view;
    const events = asOf.view.history || [];
    const mine = ++asOf.request;
    asOf.result.setAttribute('aria-busy', 'true');
    replace(asOf.result, h('p', {class: 'muted', id: 'as-of-loading', role: 'status', text: 'Loading the past state…'}));
    let past;
    let current;
    try {
        [past, current] = await Promise.all([
            api.getIntegrationAsOf(id, choice).then(answer => answer.data),
            api.getIntegration(id).then(answer => answer.data)]);
    } catch (failure) {
        if (mine === asOf.request && app.isCurrent(token) && failure.status !== 401) {
            showProblem(asOf, notShown(choice, failure), failure);
        }
        return;
    }
    if (mine !== asOf.request || !app.isCurrent(token)) {
        return;
    }
    asOf.result.removeAttribute('aria-busy');
    const title = choice.version !== undefined
        ? `As of ${stateName(past)}`
        : `As of ${formatTime(choice.asOf)}: ${stateName(past)}`;
    const heading = h('h3', {id: 'as-of-title', tabindex: '-1', text: title});
    replace(asOf.result,
        heading,
        detailsList(past, {id: 'as-of-details', createdBy: events.length ? events[0].actor : null}),
        h('h4', {id: 'as-of-differences-heading', text: `Differences from the current state (version ${current.version})`}),
        differencesTable(past, current, {pastLabel: `Version ${past.version}`, currentLabel: `Now (version ${current.version})`}),
        h('p', {}, h('a', {href: `#/integrations/${encodeURIComponent(id)}`, id: 'as-of-clear',
            text: 'Back to the current state'})));
    if (announcing) {
        focus(heading);
        announce(title);
    }
}

/** What the page says when a past state cannot be shown; the service's problem text is quoted. */
function notShown(choice, failure) {
    if (failure.status === 404) {
        return choice.version !== undefined
            ? `There is no version ${choice.version} of this integration. Choose one of its versions.`
            : `The integration did not exist yet on ${formatTime(choice.asOf)}. Choose a later time.`;
    }
    if (failure.status === 400) {
        return 'This is not a version or a time the integration can be shown at.';
    }
    if (failure.status === 403) {
        return 'Only administrators and auditors can see past states of an integration.';
    }
    return 'The past state could not be shown.';
}

function showProblem(asOf, message, failure) {
    asOf.result.removeAttribute('aria-busy');
    const detail = failure ? problemText(failure) : null;
    replace(asOf.result, h('div', {class: 'notice notice-error', id: 'as-of-error', role: 'alert'},
        h('p', {text: message}),
        detail ? h('p', {class: 'problem-detail'}, 'The service said: ', h('q', {text: detail})) : null));
    show(asOf.result, true);
}

/** The problem's detail and each field's message, as text. */
function problemText(failure) {
    const fields = failure.fieldErrors.map(error => `${error.field} ${error.message}`);
    return [failure.message, ...fields].filter(Boolean).join('; ');
}
