/**
 * The list of the company's custom integrations (route `#/`), with its filters and pages. The functions
 * share `view`, the state of the list shown for one navigation.
 */
import {api} from './api.js';
import {announce, AUTH_TYPES, focus, h, replace, setSwitch, show, statusBadge, statusSwitch, time} from './dom.js';
import {healthSummary} from './health.js';
import {loadState} from './load-state.js';
import {confirmDeactivation} from './deactivation.js';

const PAGE_SIZE = 20;
const STATUSES = [['', 'All'], ['ACTIVE', 'Active'], ['INACTIVE', 'Inactive']];
/** The columns the list sorts by: the API's sort key and how the caption names it. */
const SORTS = {name: 'name', status: 'status, then name', updatedAt: 'last change'};

export async function renderList({app, container, token, params}) {
    const view = {
        app, token,
        writer: app.can('write'),
        filters: {
            status: ['ACTIVE', 'INACTIVE'].includes((params.get('status') || '').toUpperCase())
                ? params.get('status').toUpperCase() : '',
            q: params.get('q') || '',
            sort: Object.hasOwn(SORTS, params.get('sort') || '') ? params.get('sort') : 'name',
            direction: params.get('direction') === 'desc' ? 'desc' : 'asc',
            page: Math.max(0, (parseInt(params.get('page'), 10) || 1) - 1)
        },
        /** Numbers the loads, so that only the latest one's answer is shown. */
        request: 0,
        total: 0,
        searchTimer: null
    };
    document.title = 'Custom integrations · Integration registry';
    buildPage(view, container);

    const flash = app.takeFlash();
    if (flash) {
        announce(flash);
    }
    focus(view.heading);

    wire(view);
    await load(view);
}

function buildPage(view, container) {
    const {writer, filters} = view;
    view.heading = h('h1', {tabindex: '-1', text: 'Custom integrations'});
    const addButton = writer
        ? h('a', {class: 'button button-primary', id: 'add-integration', href: '#/integrations/new'},
            h('span', {'aria-hidden': 'true', class: 'button-icon', text: '+'}), 'Add custom integration')
        : null;

    view.statusFilter = h('select', {id: 'status-filter', name: 'status'},
        STATUSES.map(([value, label]) => h('option', {value, text: label})));
    view.statusFilter.value = filters.status;
    view.nameSearch = h('input', {
        id: 'name-search', name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false',
        placeholder: 'Name or URL contains…', value: filters.q
    });
    view.toolbar = h('form', {class: 'toolbar', role: 'search', 'aria-label': 'Filter integrations'},
        h('div', {class: 'field field-inline'},
            h('label', {for: 'status-filter', text: 'Status'}), view.statusFilter),
        h('div', {class: 'field field-inline field-grow'},
            h('label', {for: 'name-search', text: 'Search by name or URL'}), view.nameSearch));

    view.message = h('p', {class: 'notice notice-error', id: 'list-message', role: 'alert', hidden: true});
    view.count = h('p', {class: 'list-count', id: 'list-count'});
    view.tbody = h('tbody');
    view.caption = h('caption', {class: 'visually-hidden'});
    view.sortHeaders = [];
    view.table = h('table', {class: 'data-table integration-table', id: 'integration-list'},
        view.caption,
        h('thead', {}, h('tr', {},
            sortHeader(view, 'name', 'Name'),
            h('th', {scope: 'col', text: 'Base API URL'}),
            h('th', {scope: 'col', text: 'Authentication'}),
            sortHeader(view, 'status', 'Status'),
            h('th', {scope: 'col', text: 'Health'}),
            sortHeader(view, 'updatedAt', 'Last change'))),
        view.tbody);
    showSort(view);
    view.previous = h('button', {type: 'button', class: 'button', id: 'page-previous'},
        h('span', {'aria-hidden': 'true', text: '‹ '}), 'Previous');
    view.next = h('button', {type: 'button', class: 'button', id: 'page-next'},
        'Next', h('span', {'aria-hidden': 'true', text: ' ›'}));
    view.pageInfo = h('span', {class: 'page-info', id: 'page-info', 'aria-live': 'polite'});
    view.pager = h('nav', {class: 'pager', 'aria-label': 'Pages of integrations', hidden: true},
        view.previous, view.pageInfo, view.next);
    view.tableWrap = h('div', {class: 'table-wrap'}, view.table);
    view.loadState = loadState({id: 'list', region: view.table, loadingText: 'Loading integrations…',
        failedText: 'The integrations could not be loaded'});

    replace(container,
        h('div', {class: 'page-header'},
            h('div', {},
                view.heading,
                h('p', {class: 'lead', text: writer
                    ? 'The document providers your company connects through the Document Webhooks API. '
                    + 'Add, edit, activate and deactivate them here.'
                    : 'The document providers your company connects through the Document Webhooks API.'})),
            addButton),
        view.toolbar,
        view.message,
        view.loadState.element,
        view.count,
        view.tableWrap,
        view.pager);
}

/** A column header that sorts the list: a button inside the th, so that the keyboard reaches it. */
function sortHeader(view, key, label) {
    const button = h('button', {type: 'button', class: 'sort-button', id: `sort-${key}`},
        label, h('span', {class: 'sort-icon', 'aria-hidden': 'true'}));
    const th = h('th', {scope: 'col', class: 'sortable'}, button);
    view.sortHeaders.push({key, th, button});
    return th;
}

/** Marks the sorted column (aria-sort on its th only, as ARIA wants one at a time) and says it in the caption. */
function showSort(view) {
    const {sort, direction} = view.filters;
    for (const {key, th} of view.sortHeaders) {
        if (key === sort) {
            th.setAttribute('aria-sort', direction === 'desc' ? 'descending' : 'ascending');
        } else {
            th.removeAttribute('aria-sort');
        }
        th.querySelector('.sort-icon').textContent = key === sort ? (direction === 'desc' ? '▼' : '▲') : '';
    }
    view.caption.textContent = `Custom integrations, sorted by ${SORTS[sort]}`
        + `${direction === 'desc' ? ', descending' : ''}, with the health of their provider calls`;
}

/** Loads the page of the filters; a page past the end moves to the last one. */
async function load(view, announceCount = false) {
    const {app, token, filters, previous, next, tbody, writer} = view;
    const mine = ++view.request;
    previous.disabled = true;
    next.disabled = true;
    view.loadState.start();
    let answer;
    try {
        answer = await api.listIntegrations({...filters, size: PAGE_SIZE});
    } catch (failure) {
        if (mine === view.request && app.isCurrent(token) && failure.status !== 401) {
            // the rows shown would belong to other filters than the ones chosen
            replace(tbody);
            view.count.textContent = '';
            show(view.tableWrap, false);
            show(view.pager, false);
            view.loadState.failed(failure, () => load(view, announceCount));
        }
        return;
    }
    if (mine !== view.request || !app.isCurrent(token)) {
        return;
    }
    show(view.tableWrap, true);
    view.loadState.done();
    const page = answer.data;
    view.total = page.total || 0;
    const total = view.total;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (filters.page > pages - 1 && total > 0) {
        filters.page = pages - 1;
        return load(view, announceCount);
    }
    if (announceCount) {
        announce(total === 1 ? '1 integration found.' : `${total} integrations found.`);
    }
    replace(tbody, (page.items || []).map(item => row(view, item)));
    if (!page.items || page.items.length === 0) {
        replace(tbody, h('tr', {class: 'empty-row'}, h('td', {colspan: '6'},
            filters.status || filters.q
                ? 'No integration matches these filters.'
                : (writer ? 'No custom integrations yet. Add the first one.' : 'No custom integrations yet.'))));
    }
    view.count.textContent = total === 1 ? '1 integration' : `${total} integrations`;
    view.pageInfo.textContent = `Page ${filters.page + 1} of ${pages}`;
    show(view.pager, pages > 1);
    previous.disabled = filters.page <= 0;
    next.disabled = filters.page >= pages - 1;
    const focused = document.activeElement;
    if ((focused === previous || focused === next) && focused.disabled) {
        focus(focused === previous ? next : previous);
        if (document.activeElement && document.activeElement.disabled) {
            focus(view.heading);
        }
    }
    rememberFilters(filters);
}

/** Keeps the filters in the address, so that reloading or going back shows the same list. */
function rememberFilters(filters) {
    const query = new URLSearchParams();
    if (filters.status) {
        query.set('status', filters.status.toLowerCase());
    }
    if (filters.q) {
        query.set('q', filters.q);
    }
    if (filters.sort !== 'name') {
        query.set('sort', filters.sort);
    }
    if (filters.direction !== 'asc') {
        query.set('direction', filters.direction);
    }
    if (filters.page > 0) {
        query.set('page', String(filters.page + 1));
    }
    const hash = query.toString() ? `#/?${query}` : '#/';
    if (location.hash !== hash && !(hash === '#/' && (location.hash === '' || location.hash === '#'))) {
        history.replaceState(null, '', hash);
    }
}

function row(view, item) {
    const nameLink = h('a', {class: 'integration-name', href: `#/integrations/${encodeURIComponent(item.id)}`,
        text: item.name});
    const when = h('span', {class: 'changed-at'}, time(item.updatedAt));
    const who = h('span', {class: 'changed-by', text: item.lastChangedBy || '—'});
    const badgeHolder = h('span', {class: 'badge-holder'}, statusBadge(item.status));
    const toggle = view.writer ? statusSwitch({
        className: 'status-toggle',
        checked: item.status === 'ACTIVE',
        label: `Active: ${item.name}`,
        onToggle: wanted => toggleStatus(view, item, wanted, {toggle, badgeHolder, who, when})
    }) : null;
    const requestParameters = item.requestParameters
        ? h('span', {class: 'url-params', text: '?' + item.requestParameters}) : null;
    return h('tr', {dataset: {integrationId: item.id}},
        h('td', {class: 'cell-name', 'data-label': 'Name'}, nameLink),
        h('td', {class: 'cell-url', 'data-label': 'Base API URL'},
            h('span', {class: 'url-block'}, h('span', {class: 'url'}, breakable(item.baseApiUrl)), requestParameters)),
        h('td', {class: 'cell-auth', 'data-label': 'Authentication'},
            h('span', {class: 'auth-type', text: AUTH_TYPES[item.authentication && item.authentication.type]
                    || '—'})),
        h('td', {class: 'cell-status', 'data-label': 'Status'},
            h('span', {class: 'status-cell'}, toggle, badgeHolder)),
        h('td', {class: 'cell-health', 'data-label': 'Health'}, healthSummary(item)),
        h('td', {class: 'cell-changed', 'data-label': 'Last change'},
            h('span', {class: 'last-change'}, who, when)));
}

/** The URL as text nodes with a line-break opportunity (wbr) after each dot and slash, so hosts wrap there. */
function breakable(url) {
    const parts = String(url || '').split(/(?<=[./])/).filter(part => part !== '');
    return parts.flatMap((part, index) => index < parts.length - 1 ? [part, h('wbr', {})] : [part]);
}

/** Activates or deactivates one row's integration and shows its new status and last change. */
async function toggleStatus(view, item, wanted, {toggle, badgeHolder, who, when}) {
    const message = view.message;
    if (!wanted && !await confirmDeactivation(item.name, toggle)) {
        return;
    }
    try {
        const answer = await api.setActive(item.id, wanted, null);
        const saved = answer.data || {...item, status: wanted ? 'ACTIVE' : 'INACTIVE'};
        Object.assign(item, saved);
        setSwitch(toggle, saved.status === 'ACTIVE');
        badgeHolder.replaceChildren(statusBadge(saved.status));
        replace(who, saved.lastChangedBy || '—');
        replace(when, time(saved.updatedAt));
        show(message, false);
        announce(`${saved.name} is now ${saved.status === 'ACTIVE' ? 'active' : 'inactive'}.`);
    } catch (failure) {
        if (failure.status === 401) {
            return;
        }
        message.textContent = `${item.name} could not be ${wanted ? 'activated' : 'deactivated'}: `
            + failure.message;
        show(message, true);
    }
}

function wire(view) {
    const {filters, statusFilter, nameSearch, toolbar, previous, next, sortHeaders} = view;
    for (const {key, button} of sortHeaders) {
        // A click on the sorted column turns its direction; on another column, sorts by it from the start.
        button.addEventListener('click', () => {
            filters.direction = filters.sort === key && filters.direction === 'asc' ? 'desc' : 'asc';
            filters.sort = key;
            filters.page = 0;
            showSort(view);
            load(view, true);
        });
    }
    statusFilter.addEventListener('change', () => {
        filters.status = statusFilter.value;
        filters.page = 0;
        load(view, true);
    });
    nameSearch.addEventListener('input', () => {
        clearTimeout(view.searchTimer);
        view.searchTimer = setTimeout(() => {
            if (filters.q !== nameSearch.value.trim()) {
                filters.q = nameSearch.value.trim();
                filters.page = 0;
                load(view, true);
            }
        }, 250);
    });
    toolbar.addEventListener('submit', event => {
        event.preventDefault();
        clearTimeout(view.searchTimer);
        filters.q = nameSearch.value.trim();
        filters.status = statusFilter.value;
        filters.page = 0;
        load(view, true);
    });
    previous.addEventListener('click', () => {
        if (filters.page > 0) {
            filters.page -= 1;
            load(view);
        }
    });
    next.addEventListener('click', () => {
        filters.page += 1;
        load(view);
    });
}
