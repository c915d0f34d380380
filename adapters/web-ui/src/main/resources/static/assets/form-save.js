/**
 * Saving the integration form: the page's own checks first (every problem at once), then the request,
 * with the Save button busy and the inputs locked meanwhile, and the outcome said next to the Save
 * button, where the user is looking. Also what the page knows about unsaved changes.
 */
import {api} from './api.js';
import {show} from './dom.js';
import {fieldValues, FIELDS, lockFields, requestBody} from './form-fields.js';
import {checkAll, checkField} from './form-checks.js';
import {clearErrors, clearFieldError, flashStatus, saveStatus, showFailure, showProblems} from './form-errors.js';
import {clearConflictNotes, showConflict} from './form-conflict.js';
import {confirmLeave} from './leave-dialog.js';
import {withReservedId} from './oauth2-connection.js';

/** Remembers the values shown as the saved ones: what differs from them is unsaved. */
export function rememberSaved(view) {
    view.baseline = fieldValues(view.fields);
    view.baselineActive = view.newActive;
}

/** Whether the form holds changes that are not saved. */
export function unsaved(view) {
    if (!view.baseline || view.readOnly) {
        return false;
    }
    const now = fieldValues(view.fields);
    return Object.keys(now).some(key => now[key] !== view.baseline[key])
        || (!view.id && view.newActive !== view.baselineActive);
}

/** Asks before the page is left with unsaved changes, and re-checks a field with an error as it is corrected. */
export function wireSave(view) {
    const {app, fields, notices} = view;
    view.form.addEventListener('submit', event => save(view, event));
    app.setLeaveGuard({unsaved: () => unsaved(view), confirm: confirmLeave});
    const recheck = key => {
        if (fields.errors[key] && !fields.errors[key].hidden) {
            const message = checkField(fields, view.integration, key);
            if (message) {
                fields.errors[key].textContent = message;
                const line = notices.formMessage.querySelector(`li[data-field="${key}"] a`);
                if (line) {
                    line.textContent = message;
                }
            } else {
                clearFieldError(fields, notices, key);
            }
        }
    };
    view.form.addEventListener('input', event => {
        const key = (event.target.id || '').replace(/^field-/, '');
        if (key in fields.inputs && event.target.type !== 'radio') {
            recheck(key);
        }
    });
    view.form.addEventListener('change', event => {
        if (event.target.type === 'radio') {
            recheck('authenticationType');
        }
    });
}

/** The service's name of an input's field, as the service names it in its problems. */
function serverName(key) {
    return FIELDS.find(field => field.key === key).server;
}

function setBusy(view, busy) {
    const {saveButton, fields} = view;
    view.busy = busy;
    saveButton.textContent = busy ? 'Saving…' : view.saveLabel;
    [saveButton, view.form].forEach(element => {
        if (busy) {
            element.setAttribute('aria-busy', 'true');
        } else {
            element.removeAttribute('aria-busy');
        }
    });
    if (busy) {
        saveButton.setAttribute('aria-disabled', 'true');
    } else {
        saveButton.removeAttribute('aria-disabled');
    }
    lockFields(fields, busy);
}

/** The outcome next to the Save button; a saved form may have moved, so the line is brought into view. */
function said(view, text, kind) {
    saveStatus(view.notices, text, kind);
    if (kind === 'success') {
        view.notices.saveStatus.scrollIntoView({block: 'nearest'});
    }
}

async function save(view, event) {
    event.preventDefault();
    if (view.busy || view.readOnly) {
        return;
    }
    const {app, token, id, fields, notices} = view;
    const what = id ? 'The changes were not saved' : 'The integration was not added';
    clearErrors(fields, notices);
    flashStatus(notices, '');
    saveStatus(notices, '');
    show(notices.staleBanner, false);
    const problems = checkAll(fields, view.integration);
    if (problems.length) {
        said(view, showProblems(fields, notices, problems.map(({key, message}) => ({field: serverName(key), message})), what),
            'error');
        return;
    }
    setBusy(view, true);
    saveStatus(notices, id ? 'Saving your changes…' : 'Adding the integration…', 'busy');
    try {
        if (!id) {
            const answer = await api.addIntegration(
                withReservedId(view, requestBody(fields, {forEdit: false, active: view.newActive})));
            if (!app.isCurrent(token)) {
                return;
            }
            const added = answer.data;
            fields.inputs.clientSecret.value = '';
            fields.inputs.apiKey.value = '';
            app.setLeaveGuard(null);
            app.navigate(`#/integrations/${encodeURIComponent(added.id)}`, {
                replace: true,
                flash: added.authentication && added.authentication.type === 'OAUTH2'
                    ? `${added.name} was added. Register its redirect URI at the provider.`
                    : `${added.name} was added.`
            });
            return;
        }
        const answer = await api.editIntegration(id, requestBody(fields, {forEdit: true}), view.etag);
        if (!app.isCurrent(token)) {
            return;
        }
        view.integration = answer.data;
        view.etag = answer.etag || view.etag;
        clearConflictNotes(fields);
        setBusy(view, false);
        view.populate();
        said(view, 'Changes saved.', 'success');
    } catch (failure) {
        if (!app.isCurrent(token)) {
            return;
        }
        setBusy(view, false);
        if (failure.status === 412) {
            showConflict(view);
        } else if (failure.status !== 401) {
            showFailure(fields, notices, failure, what);
            said(view, failure.fieldErrors.length ? `${what}: see the marked fields.` : `${what}: ${failure.message}`,
                'error');
        }
    } finally {
        if (app.isCurrent(token) && view.busy) {
            setBusy(view, false);
        }
    }
}
