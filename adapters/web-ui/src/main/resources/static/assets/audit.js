/**
 * The company's audit trail (route `#/audit`), newest first, with its filters and exports. The functions
 * share `view`, the state of the trail shown for one navigation.
 */
import {api, auditQuery} from './api.js';
import {announce, focus, h, replace, show} from './dom.js';
import {changeList, EVENT_TYPES, eventBadge, eventMeta, testSummary} from './changes.js';

const PAGE_SIZE = 25;

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
            to: params.get('to') || ''
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
        spellcheck: 'false', placeholder: 'e.g. alice', value: filters.actor});
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

    view.message = h('p', {class: 'notice notice-error', id: 'audit-message', role: 'alert', hidden: true});
    view.list = h('ol', {class: 'audit-list', id: 'audit-list', 'aria-labelledby': 'audit-results'});
    const results = h('h2', {class: 'visually-hidden', id: 'audit-results', text: 'Changes, newest first'});
    view.newer = h('button', {type: 'button', class: 'button', id: 'audit-previous'},
        h('span', {'aria-hidden': 'true', text: '‹ '}), 'Newer');
    view.older = h('button', {type: 'button', class: 'button', id: 'audit-next'},
        'Older', h('span', {'aria-hidden': 'true', text: ' ›'}));
    view.pageInfo = h('span', {class: 'page-info', id: 'audit-page-info', 'aria-live': 'polite'});

    replace(container,
        h('div', {class: 'page-header'},
            h('div', {}, view.heading, h('p', {class: 'lead',
                text: 'Every change to your company\'s integrations: who, when, through which channel, and what '
                    + 'changed. Secrets appear only as changed.'})),
            h('div', {class: 'header-actions'}, view.exportCsv, view.exportNdjson)),
        view.exportStatus,
        view.filterForm,
        view.message,
        results,
        view.list,
        h('nav', {class: 'pager', 'aria-label': 'Pages of the audit trail'}, view.newer, view.pageInfo, view.older));
}

/** The export links carry the filters, so that an export holds what the page shows. */
function updateExportLinks(view) {
    const query = auditQuery(view.filters);
    query.set('format', 'csv');
    view.exportCsv.setAttribute('href', `/api/audit/export?${query}`);
    query.set('format', 'ndjson');
    view.exportNdjson.setAttribute('href', `/api/audit/export?${query}`);
}

/** Keeps the filters in the address, so that reloading or going back shows the same trail. */
function rememberFilters(filters) {
    const query = auditQuery(filters);
    const hash = query.toString() ? `#/audit?${query}` : '#/audit';
    if (location.hash !== hash) {
        history.replaceState(null, '', hash);
    }
}

async function load(view) {
    const {app, token, list, message, newer, older, heading} = view;
    const mine = ++view.request;
    older.disabled = true;
    newer.disabled = true;
    list.setAttribute('aria-busy', 'true');
    let answer;
    try {
        answer = await api.audit(view.filters, view.cursors[view.page], PAGE_SIZE);
    } catch (failure) {
        if (mine === view.request && app.isCurrent(token) && failure.status !== 401) {
            list.removeAttribute('aria-busy');
            message.textContent = 'The audit trail could not be loaded: ' + failure.message;
            show(message, true);
            newer.disabled = view.page === 0;
        }
        return;
    }
    if (mine !== view.request || !app.isCurrent(token)) {
        return;
    }
    list.removeAttribute('aria-busy');
    show(message, false);
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
                ? 'No change matches these filters.' : 'No older changes.'}));
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
}

/** Shows the newest page of the filters as read from the inputs. */
function restart(view) {
    readFilters(view);
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

/** Downloads an export through the API (the credentials travel in a header, not in the link). */
async function download(view, format) {
    const exportStatus = view.exportStatus;
    exportStatus.textContent = `Preparing the ${format.toUpperCase()} export…`;
    try {
        const response = await api.auditExport(view.filters, format);
        const blob = await response.blob();
        const name = filename(response.headers.get('Content-Disposition')) || `audit.${format}`;
        const url = URL.createObjectURL(blob);
        const link = h('a', {href: url, download: name, hidden: true});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        exportStatus.textContent = `Downloaded ${name}.`;
    } catch (failure) {
        if (failure.status !== 401) {
            exportStatus.textContent = 'The export failed: ' + failure.message;
        }
    }
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

function filename(disposition) {
    if (!disposition) {
        return null;
    }
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return match ? decodeURIComponent(match[1]).replace(/[\\/]/g, '_') : null;
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
