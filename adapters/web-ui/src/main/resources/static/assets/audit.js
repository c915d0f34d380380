/**
 * The company's audit trail (route `#/audit`), newest first unless oldest first is chosen, with its filters
 * and exports. The functions share `view`, the state of the trail shown for one navigation.
 */
import {api} from './api.js';
import {announce, focus, h, replace, show} from './dom.js';
import {changeList, EVENT_TYPES, eventBadge, eventMeta, testSummary} from './changes.js';
import {loadState} from './load-state.js';
import {ORDER_LABELS, orderOf, orderToggle} from './order-toggle.js';
import {download, rememberFilters, updateExportLinks} from './audit-export.js';

const PAGE_SIZE = 25;
/** The channels a change comes through, as the API names them. */
const SOURCES = {ui: 'Admin page', api: 'API', system: 'System'};

export async function renderAudit({app, container, token, params}) {
    const heading = h('h1', {tabindex: '-1', text: 'Audit trail'});
    document.title = 'Audit trail · Integration registry';
    if (!app.can('audit')) {
        replace(container, heading, h('p', {class: 'notice notice-info',
            text: 'Only administrators and auditors can read the audit trail.'}));
        focus(heading);
        return;
    }

    const view = {
        app, token, heading,
        filters: {
            integrationId: params.get('integrationId') || '',
            actor: params.get('actor') || '',
            type: EVENT_TYPES[(params.get('type') || '').toUpperCase()] ? params.get('type').toUpperCase() : '',
            from: params.get('from') || '',
            to: params.get('to') || '',
            source: Object.hasOwn(SOURCES, params.get('source') || '') ? params.get('source') : '',
            requestId: params.get('requestId') || '',
            // the default, newest first, stays out of the address and of the request
            order: orderOf(params) === 'asc' ? 'asc' : ''
        },
        /** Cursors of the pages shown so far: cursors[i] opens page i (null: the newest). */
        cursors: [null],
        page: 0,
        next: null,
        /** Numbers the loads, so that only the latest one's answer is shown. */
        request: 0
    };
    buildPage(view, container);
    focus(heading);

    wire(view);
    updateExportLinks(view);
    loadIntegrations(view);
    await load(view);
}

function buildPage(view, container) {
    const filters = view.filters;
    view.integrationSelect = h('select', {id: 'audit-integration', name: 'integrationId'},
        h('option', {value: '', text: 'All integrations'}));
    view.actorInput = h('input', {id: 'audit-actor', name: 'actor', type: 'text', autocomplete: 'off',
        spellcheck: 'false', placeholder: 'Part of a name, e.g. ali', value: filters.actor});
    view.sourceSelect = h('select', {id: 'audit-source', name: 'source'},
        h('option', {value: '', text: 'All channels'}),
        Object.entries(SOURCES).map(([value, label]) => h('option', {value, text: label})));
    view.sourceSelect.value = filters.source;
    view.requestInput = h('input', {id: 'audit-request', name: 'requestId', type: 'text', autocomplete: 'off',
        spellcheck: 'false', maxlength: '128', 'aria-describedby': 'audit-request-hint', value: filters.requestId});
    view.typeSelect = h('select', {id: 'audit-type', name: 'type'},
        h('option', {value: '', text: 'All changes'}),
        Object.entries(EVENT_TYPES).map(([value, label]) => h('option', {value, text: label})));
    view.typeSelect.value = filters.type;
    view.fromInput = h('input', {id: 'audit-from', name: 'from', type: 'datetime-local',
        'aria-describedby': 'audit-time-hint', value: toLocalInput(filters.from)});
    view.toInput = h('input', {id: 'audit-to', name: 'to', type: 'datetime-local',
        'aria-describedby': 'audit-time-hint', value: toLocalInput(filters.to)});
    view.clearButton = h('button', {type: 'button', class: 'button button-quiet', id: 'audit-clear',
        text: 'Clear filters'});
    view.filterForm = h('form', {class: 'card audit-filters', id: 'audit-filters', role: 'search',
            'aria-label': 'Filter the audit trail'},
        h('div', {class: 'filter-grid'},
            h('div', {class: 'field'}, h('label', {for: 'audit-integration', text: 'Integration'}),
                view.integrationSelect),
            h('div', {class: 'field'}, h('label', {for: 'audit-actor', text: 'Changed by'}), view.actorInput),
            h('div', {class: 'field'}, h('label', {for: 'audit-type', text: 'Kind of change'}), view.typeSelect),
            h('div', {class: 'field'}, h('label', {for: 'audit-source', text: 'Channel'}), view.sourceSelect),
            h('div', {class: 'field'}, h('label', {for: 'audit-request', text: 'Request id'}), view.requestInput,
                h('p', {class: 'hint', id: 'audit-request-hint', text: 'The whole id, as the X-Request-Id header '
                        + 'or a log line shows it.'})),
            h('div', {class: 'field'}, h('label', {for: 'audit-from', text: 'From'}), view.fromInput),
            h('div', {class: 'field'}, h('label', {for: 'audit-to', text: 'Until'}), view.toInput)),
        h('p', {class: 'hint', id: 'audit-time-hint', text: 'Times are in your local time zone.'}),
        h('div', {class: 'form-actions'},
            h('button', {type: 'submit', class: 'button button-primary', id: 'audit-apply', text: 'Apply filters'}),
            view.clearButton));

    view.exportCsv = h('a', {class: 'button', id: 'audit-export-csv', href: '/api/audit/export?format=csv',
        download: 'audit.csv'}, 'Export CSV');
    view.exportNdjson = h('a', {class: 'button', id: 'audit-export-ndjson', href: '/api/audit/export?format=ndjson',
        download: 'audit.ndjson'}, 'Export NDJSON');
    view.exportStatus = h('p', {class: 'export-status', id: 'audit-export-status', role: 'status'});

    view.list = h('ol', {class: 'audit-list', id: 'audit-list', 'aria-labelledby': 'audit-results'});
    view.resultsHeading = h('h2', {class: 'visually-hidden', id: 'audit-results'});
    view.loadState = loadState({id: 'audit', region: view.list, loadingText: 'Loading the audit trail…',
        failedText: 'The audit trail could not be loaded'});
    view.orderToggle = orderToggle({id: 'audit-order', order: filters.order || 'desc', onChange: order => {
        filters.order = order === 'asc' ? 'asc' : '';
        restart(view, false).then(() => announce(`The audit trail is shown ${ORDER_LABELS[order]}.`));
    }});
    // "previous" is the page before in the chosen order: newer entries when newest first, older ones otherwise
    view.newerLabel = h('span', {});
    view.olderLabel = h('span', {});
    view.newer = h('button', {type: 'button', class: 'button', id: 'audit-previous'},
        h('span', {'aria-hidden': 'true', text: '‹ '}), view.newerLabel);
    view.older = h('button', {type: 'button', class: 'button', id: 'audit-next'},
        view.olderLabel, h('span', {'aria-hidden': 'true', text: ' ›'}));
    showOrder(view);
    view.pageInfo = h('span', {class: 'page-info', id: 'audit-page-info', 'aria-live': 'polite'});

    replace(container,
        h('div', {class: 'page-header'},
            h('div', {}, view.heading, h('p', {class: 'lead',
                text: 'Every change to your company\'s integrations: who, when, through which channel, and what '
                    + 'changed. Secrets appear only as changed.'})),
            h('div', {class: 'header-actions'}, view.exportCsv, view.exportNdjson)),
        view.exportStatus,
        view.filterForm,
        view.orderToggle,
        view.resultsHeading,
        view.loadState.element,
        view.list,
        h('nav', {class: 'pager', 'aria-label': 'Pages of the audit trail'}, view.newer, view.pageInfo, view.older));
}

/** Names the pager's buttons and the results after the chosen order. */
function showOrder(view) {
    const oldestFirst = view.filters.order === 'asc';
    view.newerLabel.textContent = oldestFirst ? 'Older' : 'Newer';
    view.olderLabel.textContent = oldestFirst ? 'Newer' : 'Older';
    view.resultsHeading.textContent = `Changes, ${ORDER_LABELS[oldestFirst ? 'asc' : 'desc']}`;
}

async function load(view) {
    const {app, token, list, newer, older, heading} = view;
    const mine = ++view.request;
    older.disabled = true;
    newer.disabled = true;
    view.loadState.start();
    let answer;
    try {
        answer = await api.audit(view.filters, view.cursors[view.page], PAGE_SIZE);
    } catch (failure) {
        if (mine === view.request && app.isCurrent(token) && failure.status !== 401) {
            // the entries shown would belong to other filters or another page than the ones chosen
            replace(list);
            show(list, false);
            view.loadState.failed(failure, () => load(view));
            newer.disabled = view.page === 0;
        }
        return;
    }
    if (mine !== view.request || !app.isCurrent(token)) {
        return;
    }
    show(list, true);
    view.loadState.done();
    const items = answer.data.items || [];
    view.next = answer.data.next || null;
    replace(list, items.map(entry => h('li', {class: 'audit-entry card', dataset: {eventId: entry.eventId,
            type: entry.type}},
        h('div', {class: 'entry-header'},
            eventBadge(entry.type),
            // A test of values typed for a new integration names no saved integration to link to.
            entry.integrationId
                ? h('a', {class: 'audit-integration', href: `#/integrations/${encodeURIComponent(entry.integrationId)}`,
                    text: entry.integrationName || entry.integrationId})
                : h('span', {class: 'audit-integration', text: (entry.integrationName || 'unsaved values')
                    + ' (not saved)'})),
        eventMeta(entry),
        entry.type === 'TESTED' ? testSummary(entry.test) : changeList(entry.changes, entry.type))));
    if (items.length === 0) {
        list.append(h('li', {class: 'empty-row', text: view.page === 0
                ? 'No change matches these filters.' : 'No further changes.'}));
    }
    view.pageInfo.textContent = `Page ${view.page + 1}`;
    newer.disabled = view.page === 0;
    older.disabled = !view.next;
    const focused = document.activeElement;
    if ((focused === newer || focused === older) && focused.disabled) {
        focus(focused === newer ? (older.disabled ? heading : older) : (newer.disabled ? heading : newer));
    }
}

function readFilters(view) {
    const from = fromLocalInput(view.fromInput.value);
    const to = fromLocalInput(view.toInput.value);
    const filters = view.filters;
    filters.integrationId = view.integrationSelect.value;
    filters.actor = view.actorInput.value.trim();
    filters.type = view.typeSelect.value;
    filters.from = from;
    filters.to = to;
    filters.source = view.sourceSelect.value;
    filters.requestId = view.requestInput.value.trim();
}

/** Shows the first page of the filters (as read from the inputs, unless `read` is false) in the chosen order. */
function restart(view, read = true) {
    if (read) {
        readFilters(view);
    }
    showOrder(view);
    view.cursors = [null];
    view.page = 0;
    updateExportLinks(view);
    rememberFilters(view.filters);
    return load(view);
}

function wire(view) {
    view.filterForm.addEventListener('submit', event => {
        event.preventDefault();
        restart(view).then(() => announce('The audit trail is filtered.'));
    });
    view.clearButton.addEventListener('click', () => {
        view.integrationSelect.value = '';
        view.actorInput.value = '';
        view.typeSelect.value = '';
        view.fromInput.value = '';
        view.toInput.value = '';
        view.sourceSelect.value = '';
        view.requestInput.value = '';
        restart(view);
    });
    view.older.addEventListener('click', () => {
        if (view.next) {
            view.cursors[view.page + 1] = view.next;
            view.page += 1;
            load(view);
        }
    });
    view.newer.addEventListener('click', () => {
        if (view.page > 0) {
            view.page -= 1;
            load(view);
        }
    });
    [[view.exportCsv, 'csv'], [view.exportNdjson, 'ndjson']].forEach(([link, format]) => {
        link.addEventListener('click', event => {
            event.preventDefault();
            download(view, format);
        });
    });
}

/** Fills the integration filter with the company's integrations (and the one of the address, if unknown). */
async function loadIntegrations(view) {
    const {app, token, filters, integrationSelect} = view;
    try {
        const answer = await api.listIntegrations({page: 0, size: 200});
        if (!app.isCurrent(token)) {
            return;
        }
        (answer.data.items || []).forEach(item => integrationSelect.append(h('option', {value: item.id,
            text: item.name})));
        if (filters.integrationId && ![...integrationSelect.options].some(o => o.value === filters.integrationId)) {
            integrationSelect.append(h('option', {value: filters.integrationId, text: filters.integrationId}));
        }
        integrationSelect.value = filters.integrationId;
    } catch (ignored) {
        if (filters.integrationId) {
            integrationSelect.append(h('option', {value: filters.integrationId, text: filters.integrationId}));
            integrationSelect.value = filters.integrationId;
        }
    }
}

/** A `datetime-local` value of an RFC 3339 instant, in local time. */
function toLocalInput(iso) {
    if (!iso) {
        return '';
    }
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return '';
    }
    const pad = number => String(number).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
        + `${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The RFC 3339 instant of a `datetime-local` value, read in local time. */
function fromLocalInput(value) {
    if (!value) {
        return '';
    }
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
