/**
 * The "Provider calls" part of an integration's page: its health, and the calls the service made to the
 * provider for it, newest first, a page at a time, narrowed to one outcome on request (the service does
 * the narrowing). Administrators and auditors read the calls; anyone else is told they have no access.
 * The functions share `calls`, the state of the section shown for one navigation.
 */
import {api} from './api.js';
import {announce, focus, h, replace, show, time} from './dom.js';
import {hasHealth, healthBadge, lastCallLine, outcomeBadge, OUTCOMES, outcomeLabel} from './health.js';

const PAGE_SIZE = 25;
const COLUMNS = ['Time', 'User', 'Endpoint', 'Status', 'Outcome', 'Duration', 'Bytes', 'Request id',
    'Provider message'];
const NO_ACCESS = 'You have no access to the provider calls: only administrators and auditors can see them.';

/** Builds the section and starts loading its first page. */
export function buildProviderCalls({app, token, id}) {
    const calls = {app, token, id, outcome: '', next: null, request: 0, retry: null};
    calls.health = h('p', {class: 'health-line', id: 'integration-health', hidden: true});
    calls.section = h('section', {class: 'card provider-calls', id: 'provider-calls',
            'aria-labelledby': 'provider-calls-heading'},
        h('h2', {id: 'provider-calls-heading', text: 'Provider calls'}),
        calls.health);
    if (!app.can('audit')) {
        denied(calls);
        return calls;
    }
    buildLog(calls);
    load(calls, false);
    return calls;
}

/** Shows the integration's health; an answer without it (that of a change) leaves the shown one. */
export function showHealth(calls, integration) {
    if (!calls || !hasHealth(integration)) {
        return;
    }
    replace(calls.health, h('span', {class: 'status-label', text: 'Health'}), healthBadge(integration.health),
        lastCallLine(integration.lastCall));
    show(calls.health, true);
}

function denied(calls) {
    if (calls.log) {
        calls.log.remove();
    }
    calls.section.append(h('p', {class: 'notice notice-info', id: 'provider-calls-denied', text: NO_ACCESS}));
}

function buildLog(calls) {
    calls.outcomeSelect = h('select', {id: 'provider-calls-outcome', name: 'outcome'},
        h('option', {value: '', text: 'All outcomes'}),
        Object.entries(OUTCOMES).map(([value, label]) => h('option', {value, text: label})));
    calls.loading = h('p', {class: 'muted', id: 'provider-calls-loading', role: 'status'});
    calls.errorText = h('span', {id: 'provider-calls-error-text'});
    calls.retryButton = h('button', {type: 'button', class: 'button', id: 'provider-calls-retry', text: 'Retry'});
    calls.error = h('div', {class: 'notice notice-error stale-edit', id: 'provider-calls-error', role: 'alert',
        hidden: true}, calls.errorText, calls.retryButton);
    calls.empty = h('p', {class: 'empty-calls muted', id: 'provider-calls-empty', hidden: true});
    calls.tbody = h('tbody');
    calls.table = h('table', {class: 'data-table calls-table', id: 'provider-calls-table'},
        h('caption', {class: 'visually-hidden', text: 'Calls to the provider, newest first'}),
        h('thead', {}, h('tr', {}, COLUMNS.map(text => h('th', {scope: 'col', text})))),
        calls.tbody);
    // wider than a phone: the table scrolls in its own box, which the keyboard can reach
    calls.tableWrap = h('div', {class: 'calls-wrap', tabindex: '0', role: 'region',
        'aria-label': 'Provider calls (scrolls sideways)', hidden: true}, calls.table);
    calls.more = h('button', {type: 'button', class: 'button', id: 'provider-calls-more', text: 'Load more',
        hidden: true});
    calls.results = h('div', {class: 'calls-results', id: 'provider-calls-results'},
        calls.loading, calls.error, calls.empty, calls.tableWrap,
        h('div', {class: 'pager'}, calls.more));
    calls.log = h('div', {class: 'calls-log'},
        h('p', {class: 'hint', text: 'The calls the service made to the provider for this integration\'s users, '
                + 'as long as the log keeps them, newest first.'}),
        h('div', {class: 'toolbar'}, h('div', {class: 'field field-inline'},
            h('label', {for: 'provider-calls-outcome', text: 'Outcome'}), calls.outcomeSelect)),
        calls.results);
    calls.section.append(calls.log);

    calls.outcomeSelect.addEventListener('change', () => {
        calls.outcome = calls.outcomeSelect.value;
        load(calls, false, true);
    });
    calls.more.addEventListener('click', () => load(calls, true));
    calls.retryButton.addEventListener('click', () => calls.retry && calls.retry());
}

/** Loads the newest page of the chosen outcome, or (`more`) the page after those shown. */
async function load(calls, more, announceCount = false) {
    const {app, token, results} = calls;
    const mine = ++calls.request;
    calls.retry = () => load(calls, more, announceCount);
    results.setAttribute('aria-busy', 'true');
    calls.loading.textContent = 'Loading provider calls…';
    show(calls.loading, true);
    show(calls.error, false);
    calls.more.disabled = true;
    let answer;
    try {
        answer = await api.providerCalls(calls.id, {outcome: calls.outcome, cursor: more ? calls.next : null,
            size: PAGE_SIZE});
    } catch (failure) {
        if (mine === calls.request && app.isCurrent(token) && failure.status !== 401) {
            failed(calls, failure, more);
        }
        return;
    }
    if (mine !== calls.request || !app.isCurrent(token)) {
        return;
    }
    done(calls);
    const items = answer.data.items || [];
    calls.next = answer.data.next || null;
    if (!more) {
        replace(calls.tbody);
    }
    calls.tbody.append(...items.map(row));
    const shown = calls.tbody.rows.length;
    calls.empty.textContent = calls.outcome
        ? `No provider calls with the outcome "${outcomeLabel(calls.outcome)}" in the log.`
        : 'No provider calls in the log.';
    show(calls.empty, shown === 0);
    show(calls.tableWrap, shown > 0);
    show(calls.more, Boolean(calls.next));
    calls.more.disabled = false;
    if (more) {
        announce(`${items.length} more ${items.length === 1 ? 'call' : 'calls'} shown.`);
        if (!calls.next) {
            focus(calls.table);
        }
    } else if (announceCount) {
        announce(shown === 0 ? calls.empty.textContent : `${shown}${calls.next ? ' or more' : ''} calls shown.`);
    }
}

function done(calls) {
    calls.results.removeAttribute('aria-busy');
    show(calls.loading, false);
    calls.loading.textContent = '';
}

function failed(calls, failure, more) {
    done(calls);
    if (failure.status === 403) {
        denied(calls);
        return;
    }
    if (!more) {
        // the rows shown would belong to another outcome than the one chosen
        replace(calls.tbody);
        show(calls.tableWrap, false);
        show(calls.more, false);
        show(calls.empty, false);
    }
    calls.errorText.textContent = 'The provider calls could not be loaded: ' + failure.message;
    show(calls.error, true);
    calls.more.disabled = false;
}

/** One call; everything the provider said is shown as text, never as markup. */
function row(call) {
    return h('tr', {dataset: {outcome: call.outcome || ''}},
        h('td', {class: 'call-time'}, time(call.at, true)),
        h('td', {class: 'call-user', text: call.user || '—'}),
        h('td', {class: 'call-endpoint', text: call.endpoint || '—'}),
        h('td', {class: 'call-status', text: present(call.providerStatus) ? String(call.providerStatus) : '—'}),
        h('td', {class: 'call-outcome'}, outcomeBadge(call.outcome)),
        h('td', {class: 'call-number', text: present(call.durationMillis) ? `${call.durationMillis} ms` : '—'}),
        h('td', {class: 'call-number', text: present(call.bytes) ? size(call.bytes) : '—'}),
        h('td', {class: 'call-request-id', text: call.requestId || '—'}),
        h('td', {class: 'call-message', text: call.providerMessage || '—'}));
}

function present(value) {
    return value !== null && value !== undefined;
}

const number = new Intl.NumberFormat();

function size(bytes) {
    if (bytes < 1024) {
        return `${number.format(bytes)} B`;
    }
    const units = ['KiB', 'MiB', 'GiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}
