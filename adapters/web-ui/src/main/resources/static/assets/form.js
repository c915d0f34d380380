/**
 * Add and edit one integration (routes `#/integrations/new` and `#/integrations/{id}`); for users who
 * may not change integrations, the same page shows the values read-only.
 */
import {api} from './api.js';
import {announce, AUTH_TYPES, focus, h, replace, setSwitch, show, statusBadge, statusSwitch, time} from './dom.js';

/** The form's inputs in page order: key (the element ids are `field-<key>` and `error-<key>`), label, server field. */
const FIELDS = [
    {key: 'name', label: 'Name', server: 'name'},
    {key: 'baseApiUrl', label: 'Base API URL', server: 'baseApiUrl'},
    {key: 'requestParameters', label: 'Request parameters', server: 'requestParameters'},
    {key: 'authenticationType', label: 'Authentication type', server: 'authentication.type'},
    {key: 'authenticationUrl', label: 'Authentication URL', server: 'authentication.authenticationUrl'},
    {key: 'tokenEndpointUrl', label: 'Token endpoint URL', server: 'authentication.tokenEndpointUrl'},
    {key: 'clientId', label: 'Client ID', server: 'authentication.clientId'},
    {key: 'clientSecret', label: 'Client secret', server: 'authentication.clientSecret'},
    {key: 'apiKey', label: 'API key', server: 'authentication.apiKey'}
];
const BY_SERVER_FIELD = Object.fromEntries(FIELDS.map(field => [field.server, field]));
BY_SERVER_FIELD.authentication = BY_SERVER_FIELD['authentication.type'];

const STEP_NAMES = {reachable: 'Provider reachable', authenticated: 'Credentials accepted', listedRoot: 'Root folder listed'};
const OUTCOMES = {PASSED: 'Passed', FAILED: 'Failed', SKIPPED: 'Skipped'};

export async function renderForm({app, container, token, id}) {
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
        try {
            const answer = await api.getIntegration(id);
            integration = answer.data;
            etag = answer.etag;
        } catch (failure) {
            if (!app.isCurrent(token) || failure.status === 401) {
                return;
            }
            if (failure.status === 404 || failure.status === 400) {
                replace(container,
                    h('h1', {tabindex: '-1', text: 'Integration not found'}),
                    h('p', {}, 'This integration does not exist, or it belongs to another company. ',
                        h('a', {href: '#/', text: 'Back to the custom integrations'}), '.'));
                focus(container.querySelector('h1'));
                return;
            }
            throw failure;
        }
        if (!app.isCurrent(token)) {
            return;
        }
    }

    /* ---------- building the page ---------- */

    const heading = h('h1', {tabindex: '-1'});
    const subtitle = h('p', {class: 'lead'});
    const historyLink = id && app.can('audit')
        ? h('a', {class: 'button', id: 'open-history', href: `#/integrations/${encodeURIComponent(id)}/history`},
            'History')
        : null;

    const formStatus = h('p', {class: 'notice notice-success', id: 'form-status', role: 'status', hidden: true});
    const formMessage = h('div', {class: 'notice notice-error', id: 'form-message', role: 'alert', hidden: true});
    const reloadButton = h('button', {type: 'button', class: 'button', id: 'reload-integration', text: 'Reload'});
    const staleBanner = h('div', {class: 'notice notice-warning stale-edit', id: 'stale-edit', role: 'alert',
            hidden: true},
        h('div', {},
            h('p', {class: 'notice-title', text: 'Someone else changed this integration since you opened it.'}),
            h('p', {text: 'Reload to see the current values. What you typed here will be discarded.'})),
        reloadButton);

    const inputs = {};
    const errors = {};
    const hints = {};

    function textField(key, label, {type = 'text', hint, required, placeholder, autocomplete = 'off', inputmode} = {}) {
        const input = h('input', {
            id: `field-${key}`, name: key, type, autocomplete, inputmode, placeholder,
            spellcheck: 'false', required: required && !readOnly, 'aria-required': required && !readOnly ? 'true' : null,
            readonly: readOnly
        });
        const hintElement = hint ? h('p', {class: 'hint', id: `hint-${key}`}, hint) : null;
        const error = h('p', {class: 'field-error', id: `error-${key}`, hidden: true});
        inputs[key] = input;
        errors[key] = error;
        hints[key] = hintElement;
        describe(input, key);
        return h('div', {class: 'field', id: `group-${key}`},
            h('label', {for: input.id}, label, required && !readOnly
                ? h('span', {class: 'required', 'aria-hidden': 'true', text: ' *'}) : null),
            hintElement, input, error);
    }

    function describe(input, key) {
        const ids = [];
        if (hints[key]) {
            ids.push(hints[key].id);
        }
        if (errors[key] && !errors[key].hidden) {
            ids.push(errors[key].id);
        }
        if (ids.length) {
            input.setAttribute('aria-describedby', ids.join(' '));
        } else {
            input.removeAttribute('aria-describedby');
        }
    }

    function secretField(key, label) {
        const input = h('input', {
            id: `field-${key}`, name: key, type: 'password', autocomplete: 'new-password', spellcheck: 'false',
            autocapitalize: 'none', hidden: readOnly
        });
        const state = h('span', {class: 'secret-state'});
        const hintElement = h('p', {class: 'hint', id: `hint-${key}`}, state, h('span', {class: 'secret-advice'}));
        const error = h('p', {class: 'field-error', id: `error-${key}`, hidden: true});
        inputs[key] = input;
        errors[key] = error;
        hints[key] = hintElement;
        describe(input, key);
        return h('div', {class: 'field', id: `group-${key}`},
            h('label', {for: input.id, id: `label-${key}`}, label,
                h('span', {class: 'required', 'aria-hidden': 'true', hidden: true, text: ' *'})),
            hintElement, input, error);
    }

    const oauth2Radio = h('input', {type: 'radio', name: 'authenticationType', id: 'auth-type-oauth2',
        value: 'OAUTH2', disabled: readOnly});
    const apiKeyRadio = h('input', {type: 'radio', name: 'authenticationType', id: 'auth-type-apikey',
        value: 'API_KEY', disabled: readOnly});
    errors.authenticationType = h('p', {class: 'field-error', id: 'error-authenticationType', hidden: true});
    inputs.authenticationType = oauth2Radio;
    const typeFieldset = h('fieldset', {class: 'field choice', id: 'group-authenticationType'},
        h('legend', {}, 'Authentication type',
            readOnly ? null : h('span', {class: 'required', 'aria-hidden': 'true', text: ' *'})),
        h('div', {class: 'choice-options'},
            h('span', {class: 'choice-option'}, oauth2Radio, h('label', {for: 'auth-type-oauth2', text: 'OAuth2'})),
            h('span', {class: 'choice-option'}, apiKeyRadio, h('label', {for: 'auth-type-apikey', text: 'API key'}))),
        errors.authenticationType);

    const redirectUri = h('textarea', {id: 'field-redirectUri', name: 'redirectUri', readonly: true, rows: '2',
        class: 'redirect-uri', 'aria-describedby': 'hint-redirectUri', spellcheck: 'false'});
    const copyButton = h('button', {type: 'button', class: 'button', id: 'copy-redirect-uri',
        'aria-describedby': 'copy-result'}, 'Copy');
    const copyResult = h('span', {class: 'copy-result', id: 'copy-result', role: 'status'});
    const redirectKnown = h('div', {class: 'field', id: 'group-redirectUri', hidden: true},
        h('label', {for: 'field-redirectUri', text: 'Redirect URI'}),
        h('p', {class: 'hint', id: 'hint-redirectUri',
            text: 'Generated by the registry. Register it at the provider: it redirects there with code and state.'}),
        h('div', {class: 'input-with-button'}, redirectUri, copyButton),
        copyResult);
    const redirectPending = h('p', {class: 'hint redirect-pending', id: 'redirect-pending', hidden: true,
        text: 'The redirect URI to register at the provider is generated when you save.'});

    const oauth2Group = h('div', {class: 'auth-group', id: 'oauth2-fields', role: 'group',
            'aria-labelledby': 'oauth2-fields-title'},
        h('h3', {class: 'group-title', id: 'oauth2-fields-title', text: 'OAuth2'}),
        textField('authenticationUrl', 'Authentication URL', {
            type: 'url', required: true, inputmode: 'url', placeholder: 'https://auth.example.com/authorize',
            hint: 'Where users are sent to authorize; the registry appends a state parameter the provider must hand back.'
        }),
        textField('tokenEndpointUrl', 'Token endpoint URL', {
            type: 'url', required: true, inputmode: 'url', placeholder: 'https://auth.example.com/token',
            hint: 'The provider\'s OAuth2 token endpoint.'
        }),
        textField('clientId', 'Client ID', {required: true}),
        secretField('clientSecret', 'Client secret'),
        redirectKnown,
        redirectPending);

    const apiKeyGroup = h('div', {class: 'auth-group', id: 'apikey-fields', role: 'group',
            'aria-labelledby': 'apikey-fields-title'},
        h('h3', {class: 'group-title', id: 'apikey-fields-title', text: 'API key'}),
        secretField('apiKey', 'API key'));

    let newActive = true;
    const statusBadgeHolder = h('span', {class: 'badge-holder'});
    const formToggle = writer ? statusSwitch({
        id: 'form-status-toggle',
        className: 'form-status-toggle',
        checked: integration ? integration.status === 'ACTIVE' : true,
        label: 'Active',
        onToggle: toggleStatus
    }) : null;
    const statusRow = h('div', {class: 'status-row'},
        h('span', {class: 'status-label', id: 'form-status-label', text: id ? 'Status' : 'Active after saving'}),
        formToggle, statusBadgeHolder);
    if (formToggle) {
        formToggle.removeAttribute('aria-label');
        formToggle.setAttribute('aria-labelledby', 'form-status-label');
    }

    const saveButton = writer ? h('button', {type: 'submit', class: 'button button-primary', id: 'save-integration'},
        id ? 'Save changes' : 'Add integration') : null;
    const testButton = writer ? h('button', {type: 'button', class: 'button', id: 'test-connection'},
        'Test connection') : null;
    const testReport = h('div', {class: 'test-report', id: 'test-report', 'aria-live': 'polite'});

    const form = h('form', {class: 'card integration-form', id: 'integration-form', novalidate: true,
            'aria-labelledby': 'form-heading'},
        h('section', {class: 'form-section', 'aria-labelledby': 'section-general'},
            h('h2', {id: 'section-general', text: 'Provider'}),
            statusRow,
            textField('name', 'Name', {required: true, autocomplete: 'off',
                hint: 'Unique within your company.'}),
            textField('baseApiUrl', 'Base API URL', {
                type: 'url', required: true, inputmode: 'url', placeholder: 'https://www.mycompany.com/api/v1',
                hint: 'Where the provider\'s API lives. The registry appends the endpoint name, e.g. …/api/v1/metadata?id=1234.'
            }),
            textField('requestParameters', 'Request parameters', {
                placeholder: 'access_type=offline',
                hint: 'Optional query string added to every call, e.g. access_type=offline.'
            })),
        h('section', {class: 'form-section', 'aria-labelledby': 'section-authentication'},
            h('h2', {id: 'section-authentication', text: 'Authentication'}),
            typeFieldset,
            oauth2Group,
            apiKeyGroup),
        writer ? h('div', {class: 'form-actions'},
            saveButton, testButton,
            h('a', {class: 'button button-quiet', href: '#/', text: 'Back to the list'})) : null,
        testReport);
    heading.id = 'form-heading';

    const connectionSection = h('section', {class: 'card connection', id: 'connection',
        'aria-labelledby': 'connection-heading', hidden: true});
    const helpOAuth2 = writer
        ? h('li', {}, 'For OAuth2, register the ', h('strong', {text: 'redirect URI'}),
            ' at the provider once it is generated by the first save; each user then connects their own account.')
        : h('li', {}, 'For OAuth2, each user connects their own provider account once.');
    const help = h('section', {class: 'card help', 'aria-labelledby': 'help-heading'},
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

    replace(container,
        h('nav', {class: 'breadcrumb', 'aria-label': 'Breadcrumb'},
            h('a', {href: '#/', text: 'Custom integrations'}), h('span', {'aria-hidden': 'true', text: ' › '}),
            h('span', {'aria-current': 'page', text: id ? 'Integration' : 'New'})),
        h('div', {class: 'page-header'}, h('div', {}, heading, subtitle),
            historyLink ? h('div', {class: 'header-actions'}, historyLink) : null),
        formStatus,
        staleBanner,
        formMessage,
        readOnly ? h('p', {class: 'notice notice-info', text: app.can('connect')
                ? 'You can view this integration and connect your own provider account; only administrators can change it.'
                : 'You can view this integration; only administrators can change it.'}) : null,
        h('div', {class: 'form-layout'},
            form,
            h('aside', {class: 'form-aside', 'aria-label': 'About this integration'}, connectionSection, help)));

    /* ---------- state shown in the page ---------- */

    function selectedType() {
        if (oauth2Radio.checked) {
            return 'OAUTH2';
        }
        if (apiKeyRadio.checked) {
            return 'API_KEY';
        }
        return null;
    }

    function savedType() {
        return integration && integration.authentication ? integration.authentication.type : null;
    }

    function showTypeFields() {
        const type = selectedType();
        show(oauth2Group, type === 'OAUTH2');
        show(apiKeyGroup, type === 'API_KEY');
        updateSecretHint('clientSecret', 'OAUTH2');
        updateSecretHint('apiKey', 'API_KEY');
        const knownUri = (integration && integration.authentication && integration.authentication.redirectUri) || null;
        redirectUri.value = knownUri || '';
        show(redirectKnown, Boolean(knownUri));
        show(redirectPending, !knownUri && !readOnly);
    }

    function updateSecretHint(key, type) {
        const stored = savedType() === type ? integration.authentication[key] : null;
        const hint = hints[key];
        const state = hint.querySelector('.secret-state');
        const advice = hint.querySelector('.secret-advice');
        const marker = inputs[key].closest('.field').querySelector('.required');
        if (stored && stored.set) {
            state.textContent = stored.last4 ? `set (…${stored.last4})` : 'set';
            advice.textContent = readOnly ? '' : ' · Leave empty to keep it, or type a new one to replace it.';
            inputs[key].removeAttribute('required');
            inputs[key].removeAttribute('aria-required');
            show(marker, false);
        } else {
            state.textContent = readOnly ? 'not set' : 'Required.';
            advice.textContent = readOnly ? '' : ' It is stored sealed and never shown again.';
            if (!readOnly) {
                inputs[key].setAttribute('required', '');
                inputs[key].setAttribute('aria-required', 'true');
            }
            show(marker, !readOnly);
        }
    }

    function showStatus() {
        if (integration) {
            statusBadgeHolder.replaceChildren(statusBadge(integration.status));
            if (formToggle) {
                setSwitch(formToggle, integration.status === 'ACTIVE');
            }
        } else {
            statusBadgeHolder.replaceChildren(statusBadge(newActive ? 'ACTIVE' : 'INACTIVE'));
        }
    }

    function showHeading() {
        if (!integration) {
            heading.textContent = 'Add custom integration';
            replace(subtitle, 'Register where the provider\'s Document Webhooks API lives and how to authenticate to it.');
            document.title = 'Add custom integration · Integration registry';
            return;
        }
        heading.textContent = writer ? `Edit ${integration.name}` : integration.name;
        replace(subtitle, AUTH_TYPES[savedType()] || '', ' · last changed by ', integration.lastChangedBy || '—', ' ',
            time(integration.updatedAt));
        document.title = `${integration.name} · Integration registry`;
    }

    /** Shows the saved values, discarding whatever was typed. Secrets are never shown. */
    function populate() {
        const auth = (integration && integration.authentication) || {};
        inputs.name.value = integration ? integration.name || '' : '';
        inputs.baseApiUrl.value = integration ? integration.baseApiUrl || '' : '';
        inputs.requestParameters.value = integration ? integration.requestParameters || '' : '';
        oauth2Radio.checked = auth.type === 'OAUTH2';
        apiKeyRadio.checked = auth.type === 'API_KEY';
        inputs.authenticationUrl.value = auth.authenticationUrl || '';
        inputs.tokenEndpointUrl.value = auth.tokenEndpointUrl || '';
        inputs.clientId.value = auth.clientId || '';
        inputs.clientSecret.value = '';
        inputs.apiKey.value = '';
        showHeading();
        showStatus();
        showTypeFields();
        renderConnection();
    }

    /* ---------- errors ---------- */

    function clearErrors() {
        FIELDS.forEach(({key}) => {
            const error = errors[key];
            error.textContent = '';
            show(error, false);
            const targets = key === 'authenticationType' ? [oauth2Radio, apiKeyRadio] : [inputs[key]];
            targets.forEach(input => input.removeAttribute('aria-invalid'));
            if (key !== 'authenticationType') {
                describe(inputs[key], key);
            } else {
                typeFieldset.removeAttribute('aria-describedby');
            }
        });
        show(formMessage, false);
        replace(formMessage);
    }

    function friendly(field, message) {
        const text = message || '';
        if (field.server && text.startsWith(field.server + ' ')) {
            return field.label + text.slice(field.server.length);
        }
        if (text.startsWith('authentication ')) {
            return field.label + text.slice('authentication'.length);
        }
        return text;
    }

    /** Shows the problems next to their fields; answers the first invalid input, or null. */
    function showFieldErrors(problems) {
        const unplaced = [];
        const invalid = new Set();
        problems.forEach(problem => {
            const field = BY_SERVER_FIELD[problem.field];
            const visible = field && !(field.key in inputs && inputs[field.key].closest('[hidden]'));
            if (!field || !visible) {
                unplaced.push(problem.message || `${problem.field} ${problem.rule}`);
                return;
            }
            const error = errors[field.key];
            const text = friendly(field, problem.message || `${problem.field} ${problem.rule}`);
            error.textContent = error.textContent ? `${error.textContent} ${text}` : text;
            show(error, true);
            invalid.add(field.key);
            if (field.key === 'authenticationType') {
                [oauth2Radio, apiKeyRadio].forEach(radio => radio.setAttribute('aria-invalid', 'true'));
                typeFieldset.setAttribute('aria-describedby', error.id);
            } else {
                inputs[field.key].setAttribute('aria-invalid', 'true');
                describe(inputs[field.key], field.key);
            }
        });
        if (unplaced.length) {
            showMessage('Please correct these problems:', unplaced);
        }
        const first = FIELDS.find(field => invalid.has(field.key));
        return first ? inputs[first.key] : null;
    }

    function showMessage(title, details = []) {
        replace(formMessage, h('p', {class: 'notice-title', text: title}),
            details.length ? h('ul', {}, details.map(detail => h('li', {text: detail}))) : null);
        show(formMessage, true);
    }

    function showStale() {
        show(staleBanner, true);
        focus(reloadButton);
    }

    function flashStatus(text) {
        formStatus.textContent = text;
        show(formStatus, Boolean(text));
    }

    /** Handles a refused save, test or status change; answers whether it was about the fields. */
    function showFailure(failure, what) {
        if (failure.status === 401) {
            return;
        }
        if (failure.status === 412) {
            showStale();
            return;
        }
        if ((failure.status === 400 || failure.status === 409 || failure.status === 422) && failure.fieldErrors.length) {
            const first = showFieldErrors(failure.fieldErrors);
            const count = failure.fieldErrors.length;
            if (first) {
                if (formMessage.hidden) {
                    showMessage(`${what}: ${count === 1 ? 'one field needs' : count + ' fields need'} your attention.`);
                }
                focus(first);
            } else {
                focus(formMessage);
            }
            return;
        }
        if (failure.status === 409 && failure.problem.type === '/problems/duplicate-name') {
            const first = showFieldErrors([{field: 'name', message: failure.message}]);
            focus(first);
            return;
        }
        if (failure.status === 404) {
            showMessage(`${what}: this integration no longer exists.`);
        } else {
            showMessage(`${what}: ${failure.message}`);
        }
        focus(formMessage);
    }

    /* ---------- the request bodies ---------- */

    function body({forEdit}) {
        const type = selectedType();
        const authentication = {type};
        if (type === 'OAUTH2') {
            authentication.authenticationUrl = inputs.authenticationUrl.value.trim();
            authentication.tokenEndpointUrl = inputs.tokenEndpointUrl.value.trim();
            authentication.clientId = inputs.clientId.value.trim();
            if (inputs.clientSecret.value) {
                authentication.clientSecret = inputs.clientSecret.value;
            }
        } else if (type === 'API_KEY') {
            if (inputs.apiKey.value) {
                authentication.apiKey = inputs.apiKey.value;
            }
        }
        const result = {
            name: inputs.name.value.trim(),
            baseApiUrl: inputs.baseApiUrl.value.trim(),
            requestParameters: inputs.requestParameters.value.trim(),
            authentication
        };
        if (!forEdit) {
            result.active = newActive;
        }
        return result;
    }

    /* ---------- actions ---------- */

    let busy = false;

    async function save(event) {
        event.preventDefault();
        if (busy || readOnly) {
            return;
        }
        busy = true;
        saveButton.setAttribute('aria-disabled', 'true');
        clearErrors();
        flashStatus('');
        show(staleBanner, false);
        try {
            if (!id) {
                const answer = await api.addIntegration(body({forEdit: false}));
                if (!app.isCurrent(token)) {
                    return;
                }
                const added = answer.data;
                inputs.clientSecret.value = '';
                inputs.apiKey.value = '';
                app.navigate(`#/integrations/${encodeURIComponent(added.id)}`, {
                    replace: true,
                    flash: added.authentication && added.authentication.type === 'OAUTH2'
                        ? `${added.name} was added. Register its redirect URI at the provider.`
                        : `${added.name} was added.`
                });
                return;
            }
            const answer = await api.editIntegration(id, body({forEdit: true}), etag);
            if (!app.isCurrent(token)) {
                return;
            }
            integration = answer.data;
            etag = answer.etag || etag;
            populate();
            flashStatus('Changes saved.');
            announce('Changes saved.');
        } catch (failure) {
            if (app.isCurrent(token)) {
                showFailure(failure, id ? 'The changes were not saved' : 'The integration was not added');
            }
        } finally {
            busy = false;
            saveButton.removeAttribute('aria-disabled');
        }
    }

    async function toggleStatus(wanted) {
        if (!id) {
            newActive = wanted;
            setSwitch(formToggle, wanted);
            showStatus();
            return;
        }
        flashStatus('');
        try {
            const answer = await api.setActive(id, wanted, etag);
            if (!app.isCurrent(token)) {
                return;
            }
            const saved = answer.data;
            integration.status = saved.status;
            integration.version = saved.version;
            integration.updatedAt = saved.updatedAt;
            integration.lastChangedBy = saved.lastChangedBy;
            etag = answer.etag || etag;
            showStatus();
            showHeading();
            const text = `${integration.name} is now ${saved.status === 'ACTIVE' ? 'active' : 'inactive'}.`;
            flashStatus(text);
            announce(text);
        } catch (failure) {
            if (app.isCurrent(token)) {
                showStatus();
                showFailure(failure, wanted ? 'The integration was not activated' : 'The integration was not deactivated');
            }
        }
    }

    async function reload() {
        try {
            const answer = await api.getIntegration(id);
            if (!app.isCurrent(token)) {
                return;
            }
            integration = answer.data;
            etag = answer.etag;
            clearErrors();
            replace(testReport);
            show(staleBanner, false);
            populate();
            flashStatus('The current values were loaded.');
            announce('The current values were loaded.');
            focus(inputs.name);
        } catch (failure) {
            if (app.isCurrent(token)) {
                showFailure(failure, 'The integration could not be reloaded');
            }
        }
    }

    async function testConnection() {
        if (busy) {
            return;
        }
        busy = true;
        testButton.setAttribute('aria-disabled', 'true');
        clearErrors();
        replace(testReport, h('p', {class: 'test-running', text: 'Testing the connection…'}));
        try {
            const answer = id ? await api.testSaved(id, body({forEdit: true})) : await api.testNew(body({forEdit: false}));
            if (app.isCurrent(token)) {
                renderReport(answer.data);
            }
        } catch (failure) {
            if (app.isCurrent(token)) {
                replace(testReport, h('p', {class: 'test-summary test-failed',
                    text: 'The connection could not be tested: ' + (failure.fieldErrors.length
                        ? 'correct the highlighted fields first.' : failure.message)}));
                if (failure.fieldErrors.length) {
                    const first = showFieldErrors(failure.fieldErrors);
                    focus(first || formMessage);
                }
            }
        } finally {
            busy = false;
            testButton.removeAttribute('aria-disabled');
        }
    }

    function renderReport(report) {
        const steps = (report && report.steps) || [];
        replace(testReport,
            h('h3', {class: 'test-summary ' + (report && report.ok ? 'test-passed' : 'test-failed'),
                text: report && report.ok ? 'Connection test passed' : 'Connection test failed'}),
            h('ol', {class: 'test-steps'}, steps.map(step => h('li', {
                    class: `test-step step-${String(step.outcome || '').toLowerCase()}`,
                    dataset: {step: step.name, outcome: step.outcome}
                },
                h('span', {class: 'step-outcome', text: OUTCOMES[step.outcome] || step.outcome}),
                h('span', {class: 'step-name', text: STEP_NAMES[step.name] || step.name}),
                step.latencyMillis !== null && step.latencyMillis !== undefined
                    ? h('span', {class: 'step-latency', text: `${step.latencyMillis} ms`}) : null,
                step.message ? h('p', {class: 'step-message', text: step.message}) : null))));
    }

    async function copyRedirectUri() {
        const value = redirectUri.value;
        let copied = false;
        try {
            if (navigator.clipboard && window.isSecureContext) {
                await navigator.clipboard.writeText(value);
                copied = true;
            }
        } catch (refused) {
            copied = false;
        }
        if (!copied) {
            redirectUri.focus();
            redirectUri.select();
            try {
                copied = document.execCommand('copy');
            } catch (unsupported) {
                copied = false;
            }
        }
        copyResult.textContent = copied ? 'Copied.' : 'Select the text and copy it with Ctrl+C.';
    }

    /* ---------- the signed-in user's OAuth2 connection ---------- */

    let connectionRequest = 0;

    function renderConnection() {
        const wanted = Boolean(id) && savedType() === 'OAUTH2' && app.can('connect');
        show(connectionSection, wanted);
        if (!wanted) {
            replace(connectionSection);
            return;
        }
        const state = h('div', {class: 'connection-state', id: 'connection-state', role: 'status'},
            h('span', {class: 'muted', text: 'Checking your connection…'}));
        const connect = h('button', {type: 'button', class: 'button button-primary', id: 'connect-account'}, 'Connect');
        const disconnect = h('button', {type: 'button', class: 'button', id: 'disconnect-account', hidden: true},
            'Disconnect');
        const problem = h('p', {class: 'field-error', id: 'connection-error', role: 'alert', hidden: true});
        replace(connectionSection,
            h('h2', {id: 'connection-heading', text: 'Your provider account'}),
            h('p', {class: 'hint', text: 'Each user connects their own account once; the provider then accepts the '
                    + 'registry\'s calls on their behalf.'}),
            state, problem,
            h('div', {class: 'form-actions'}, connect, disconnect));
        connect.addEventListener('click', () => startConnecting(problem));
        disconnect.addEventListener('click', async () => {
            show(problem, false);
            try {
                await api.disconnect(id);
                announce('Your account is disconnected.');
                await refreshConnection(state, connect, disconnect);
                focus(connect);
            } catch (failure) {
                if (failure.status !== 401) {
                    problem.textContent = 'Could not disconnect: ' + failure.message;
                    show(problem, true);
                }
            }
        });
        refreshConnection(state, connect, disconnect);
    }

    async function refreshConnection(state, connect, disconnect) {
        const mine = ++connectionRequest;
        let view;
        try {
            view = (await api.connection(id)).data || {};
        } catch (failure) {
            if (mine === connectionRequest && failure.status !== 401) {
                replace(state, h('span', {class: 'muted', text: 'Your connection could not be checked: ' + failure.message}));
            }
            return;
        }
        if (mine !== connectionRequest || !app.isCurrent(token)) {
            return;
        }
        if (view.status === 'CONNECTED') {
            replace(state, h('span', {class: 'badge badge-active', text: 'Connected'}), ' ',
                view.connectedAt ? h('span', {}, 'since ', time(view.connectedAt)) : null,
                view.expiresAt ? h('span', {}, ' · access token valid until ', time(view.expiresAt),
                    ', then refreshed automatically') : null);
            connect.textContent = 'Reconnect';
            show(disconnect, true);
        } else if (view.status === 'RECONNECT_REQUIRED') {
            replace(state, h('span', {class: 'badge badge-warning', text: 'Reconnect required'}), ' ',
                view.reason ? h('span', {text: view.reason}) : 'The provider no longer accepts your connection.');
            connect.textContent = 'Reconnect';
            show(disconnect, true);
        } else {
            replace(state, h('span', {class: 'badge badge-inactive', text: 'Not connected'}), ' ',
                h('span', {text: 'Connect your provider account to use this integration.'}));
            connect.textContent = 'Connect';
            show(disconnect, false);
        }
    }

    async function startConnecting(problem) {
        show(problem, false);
        const opened = window.open('', '_blank');
        try {
            const answer = await api.authorizationUrl(id);
            const url = answer.data && answer.data.authorizationUrl;
            if (!url || !/^https?:\/\//i.test(url)) {
                throw new Error('The registry did not answer an authorization address.');
            }
            if (opened) {
                opened.opener = null;
                opened.location.replace(url);
                announce('The provider\'s sign-in opened in a new tab. Come back here when you are done.');
            } else {
                location.assign(url);
            }
        } catch (failure) {
            if (opened) {
                opened.close();
            }
            if (failure.status !== 401) {
                problem.textContent = 'Could not start connecting: ' + failure.message;
                show(problem, true);
            }
        }
    }

    function whenBack() {
        if (!app.isCurrent(token)) {
            window.removeEventListener('focus', whenBack);
            return;
        }
        const state = document.getElementById('connection-state');
        if (state && !connectionSection.hidden) {
            refreshConnection(state, document.getElementById('connect-account'),
                document.getElementById('disconnect-account'));
        }
    }

    /* ---------- wiring ---------- */

    form.addEventListener('submit', save);
    oauth2Radio.addEventListener('change', showTypeFields);
    apiKeyRadio.addEventListener('change', showTypeFields);
    reloadButton.addEventListener('click', reload);
    copyButton.addEventListener('click', copyRedirectUri);
    if (testButton) {
        testButton.addEventListener('click', testConnection);
    }
    window.addEventListener('focus', whenBack);

    if (!integration) {
        oauth2Radio.checked = false;
        apiKeyRadio.checked = false;
    }
    populate();
    if (!integration) {
        oauth2Radio.checked = true;
        showTypeFields();
    }
    const flash = app.takeFlash();
    if (flash) {
        flashStatus(flash);
    }
    focus(heading);
    if (flash) {
        announce(flash);
    }
}
