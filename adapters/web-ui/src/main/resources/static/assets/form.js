/**
 * Add and edit one integration (routes `#/integrations/new` and `#/integrations/{id}`); for users who
 * may not change integrations, the same page shows the values read-only. The inputs, the error display,
 * the connection test and the user's OAuth2 connection live in their own modules; they share `view`,
 * the state of the form shown for one navigation.
 */
import {api} from './api.js';
import {announce, AUTH_TYPES, focus, h, replace, setSwitch, show, statusBadge, statusSwitch, time} from './dom.js';
import {buildFields, copyRedirectUri, fillFields, savedType, showTypeFields} from './form-fields.js';
import {buildNotices, clearErrors, flashStatus, saveStatus, showFailure} from './form-errors.js';
import {applyMine, clearConflictNotes, showConflict} from './form-conflict.js';
import {rememberSaved, wireSave} from './form-save.js';
import {acceptPlainHttp} from './form-checks.js';
import {buildConnectionTest, testConnection} from './connection-test.js';
import {
    buildConnectionSection, offerRedirectUri, refreshWhenBack, renderConnection
} from './oauth2-connection.js';
import {buildProviderCalls, showHealth} from './provider-calls.js';
import {loadIntegrationPage} from './load-state.js';
import {confirmDeactivation} from './deactivation.js';

export async function renderForm({app, container, token, id}) {
    acceptPlainHttp(app.user && app.user.plainHttpProviders);
    const writer = app.can('write');
    const readOnly = !writer;
    if (!id && readOnly) {
        replace(container,
            h('h1', {tabindex: '-1', text: 'Add custom integration'}),
            h('p', {class: 'notice notice-info', text: 'Only administrators can add integrations.'}),
            h('p', {}, h('a', {href: '#/', text: 'Back to the custom integrations'})));
        focus(container.querySelector('h1'));
        return;
    }

    let integration = null;
    let etag = null;
    if (id) {
        const answer = await loadIntegrationPage({app, container, token, load: () => api.getIntegration(id),
            again: () => renderForm({app, container, token, id})});
        if (!answer) {
            return;
        }
        integration = answer.data;
        etag = answer.etag;
    }

    const view = {
        app, token, id, writer, readOnly, integration, etag,
        /** Whether a new integration is saved active. */
        newActive: true,
        /** True while a save or a connection test runs. */
        busy: false,
        connectionRequest: 0,
        /** The version the form was loaded from: a save refused as stale lists the changes made after it. */
        loadedVersion: integration ? integration.version : null,
        populate: () => populate(view)
    };
    buildPage(view, container);
    wire(view);

    if (!integration) {
        view.fields.oauth2Radio.checked = false;
        view.fields.apiKeyRadio.checked = false;
    }
    populate(view);
    if (!integration) {
        view.fields.oauth2Radio.checked = true;
        showTypeFields(view.fields, view.integration);
        rememberSaved(view);
        offerRedirectUri(view);
    }
    const flash = app.takeFlash();
    if (flash) {
        flashStatus(view.notices, flash);
    }
    focus(view.heading);
    if (flash) {
        announce(flash);
    }
}

/* ---------- building the page ---------- */

function buildPage(view, container) {
    const {app, id, writer, readOnly, integration} = view;
    view.heading = h('h1', {tabindex: '-1'});
    view.subtitle = h('p', {class: 'lead'});
    const historyLink = id && app.can('audit')
        ? h('a', {class: 'button', id: 'open-history', href: `#/integrations/${encodeURIComponent(id)}/history`},
            'History')
        : null;
    view.notices = buildNotices();
    view.fields = buildFields(readOnly);
    const fields = view.fields;

    view.statusBadgeHolder = h('span', {class: 'badge-holder'});
    view.formToggle = writer ? statusSwitch({
        id: 'form-status-toggle',
        className: 'form-status-toggle',
        checked: integration ? integration.status === 'ACTIVE' : true,
        label: 'Active',
        onToggle: wanted => toggleStatus(view, wanted)
    }) : null;
    const statusRow = h('div', {class: 'status-row'},
        h('span', {class: 'status-label', id: 'form-status-label', text: id ? 'Status' : 'Active after saving'}),
        view.formToggle, view.statusBadgeHolder);
    if (view.formToggle) {
        view.formToggle.removeAttribute('aria-label');
        view.formToggle.setAttribute('aria-labelledby', 'form-status-label');
    }

    view.saveLabel = id ? 'Save changes' : 'Add integration';
    view.saveButton = writer ? h('button', {type: 'submit', class: 'button button-primary', id: 'save-integration'},
        view.saveLabel) : null;
    Object.assign(view, buildConnectionTest(writer));

    view.form = h('form', {class: 'card integration-form', id: 'integration-form', novalidate: true,
            'aria-labelledby': 'form-heading'},
        h('section', {class: 'form-section', 'aria-labelledby': 'section-general'},
            h('h2', {id: 'section-general', text: 'Provider'}),
            statusRow,
            fields.general),
        h('section', {class: 'form-section', 'aria-labelledby': 'section-authentication'},
            h('h2', {id: 'section-authentication', text: 'Authentication'}),
            fields.typeFieldset,
            fields.oauth2Group,
            fields.apiKeyGroup),
        writer ? h('div', {class: 'form-actions'},
            view.saveButton, view.testButton,
            h('a', {class: 'button button-quiet', href: '#/', text: 'Back to the list'}),
            view.notices.saveStatus) : null,
        view.testReport);
    view.heading.id = 'form-heading';

    view.connectionSection = buildConnectionSection();
    view.providerCalls = id ? buildProviderCalls(view) : null;
    const {formStatus, staleBanner, formMessage} = view.notices;
    replace(container,
        h('nav', {class: 'breadcrumb', 'aria-label': 'Breadcrumb'},
            h('a', {href: '#/', text: 'Custom integrations'}), h('span', {'aria-hidden': 'true', text: ' › '}),
            h('span', {'aria-current': 'page', text: id ? 'Integration' : 'New'})),
        h('div', {class: 'page-header'}, h('div', {}, view.heading, view.subtitle),
            historyLink ? h('div', {class: 'header-actions'}, historyLink) : null),
        formStatus,
        staleBanner,
        formMessage,
        readOnly ? h('p', {class: 'notice notice-info', text: app.can('connect')
                ? 'You can view this integration and connect your own provider account; only administrators can change it.'
                : 'You can view this integration; only administrators can change it.'}) : null,
        h('div', {class: 'form-layout'},
            view.form,
            h('aside', {class: 'form-aside', 'aria-label': 'About this integration'}, view.connectionSection,
                help(writer))),
        view.providerCalls && view.providerCalls.section);
}

function help(writer) {
    const helpOAuth2 = writer
        ? h('li', {}, 'For OAuth2, register the ', h('strong', {text: 'redirect URI'}),
            ' at the provider: it is shown as soon as OAuth2 is chosen; each user then connects their own account.')
        : h('li', {}, 'For OAuth2, each user connects their own provider account once.');
    return h('section', {class: 'card help', 'aria-labelledby': 'help-heading'},
        h('h2', {id: 'help-heading', text: 'Good to know'}),
        h('ul', {class: 'help-list'},
            writer
                ? h('li', {}, h('strong', {text: 'Secrets are write-only.'}), ' After saving, the page only shows '
                    + 'whether one is set and, for long ones, its last four characters. Leave the field empty to keep it.')
                : h('li', {}, h('strong', {text: 'Secrets are never shown.'}), ' The page only says whether one is set '
                    + 'and, for long ones, its last four characters.'),
            writer ? h('li', {}, h('strong', {text: 'Test the connection'}), ' with the values you typed, before or '
                + 'after saving. Nothing is stored by a test.') : null,
            helpOAuth2,
            h('li', {}, 'Only ', h('strong', {text: 'active'}), ' integrations are used by the product\'s document '
                + 'features.')));
}

function wire(view) {
    const fields = view.fields;
    fields.oauth2Radio.addEventListener('change', () => showTypeFields(fields, view.integration));
    fields.apiKeyRadio.addEventListener('change', () => showTypeFields(fields, view.integration));
    view.notices.reloadButton.addEventListener('click', () => reload(view));
    view.notices.applyButton.addEventListener('click', () => applyMine(view));
    if (view.writer) {
        wireSave(view);
    }
    fields.copyButton.addEventListener('click', () => copyRedirectUri(fields));
    if (view.testButton) {
        view.testButton.addEventListener('click', () => testConnection(view));
    }
    refreshWhenBack(view);
}

/* ---------- state shown in the page ---------- */

function showStatus(view) {
    const {integration, formToggle, statusBadgeHolder} = view;
    if (integration) {
        statusBadgeHolder.replaceChildren(statusBadge(integration.status));
        if (formToggle) {
            setSwitch(formToggle, integration.status === 'ACTIVE');
        }
    } else {
        statusBadgeHolder.replaceChildren(statusBadge(view.newActive ? 'ACTIVE' : 'INACTIVE'));
    }
}

function showHeading(view) {
    const {integration, heading, subtitle} = view;
    if (!integration) {
        heading.textContent = 'Add custom integration';
        replace(subtitle, 'Register where the provider\'s Document Webhooks API lives and how to authenticate to it.');
        document.title = 'Add custom integration · Integration registry';
        return;
    }
    heading.textContent = view.writer ? `Edit ${integration.name}` : integration.name;
    replace(subtitle, AUTH_TYPES[savedType(integration)] || '', ' · last changed by ', integration.lastChangedBy || '—',
        ' ', time(integration.updatedAt));
    document.title = `${integration.name} · Integration registry`;
}

/** Shows the saved values, discarding whatever was typed. Secrets are never shown. */
function populate(view) {
    fillFields(view.fields, view.integration);
    showHeading(view);
    showStatus(view);
    showTypeFields(view.fields, view.integration);
    renderConnection(view);
    showHealth(view.providerCalls, view.integration);
    view.loadedVersion = view.integration ? view.integration.version : null;
    rememberSaved(view);
}

/* ---------- actions ---------- */

/** A new integration's switch only says how it will be saved; a saved one's changes it at once. */
async function toggleStatus(view, wanted) {
    const {app, token, id, notices} = view;
    if (!id) {
        view.newActive = wanted;
        setSwitch(view.formToggle, wanted);
        showStatus(view);
        return;
    }
    if (!wanted && !await confirmDeactivation(view.integration.name, view.formToggle)) {
        return;
    }
    flashStatus(notices, '');
    try {
        const answer = await api.setActive(id, wanted, view.etag);
        if (!app.isCurrent(token)) {
            return;
        }
        const saved = answer.data;
        const integration = view.integration;
        integration.status = saved.status;
        integration.version = saved.version;
        integration.updatedAt = saved.updatedAt;
        integration.lastChangedBy = saved.lastChangedBy;
        view.etag = answer.etag || view.etag;
        view.loadedVersion = saved.version;
        showStatus(view);
        showHeading(view);
        const text = `${integration.name} is now ${saved.status === 'ACTIVE' ? 'active' : 'inactive'}.`;
        flashStatus(notices, text);
        announce(text);
    } catch (failure) {
        if (app.isCurrent(token)) {
            showStatus(view);
            if (failure.status === 412) {
                showConflict(view);
            } else {
                showFailure(view.fields, notices, failure,
                    wanted ? 'The integration was not activated' : 'The integration was not deactivated');
            }
        }
    }
}

async function reload(view) {
    const {app, token, id, fields, notices} = view;
    try {
        const answer = await api.getIntegration(id);
        if (!app.isCurrent(token)) {
            return;
        }
        view.integration = answer.data;
        view.etag = answer.etag;
        clearErrors(fields, notices);
        clearConflictNotes(fields);
        replace(view.testReport);
        show(notices.staleBanner, false);
        saveStatus(notices, '');
        populate(view);
        flashStatus(notices, 'The current values were loaded.');
        announce('The current values were loaded.');
        focus(fields.inputs.name);
    } catch (failure) {
        if (app.isCurrent(token)) {
            showFailure(fields, notices, failure, 'The integration could not be reloaded');
        }
    }
}
