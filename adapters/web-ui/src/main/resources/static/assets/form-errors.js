/**
 * What the integration form says about a refused request: the problems of the RFC 9457 answer next
 * to their fields (with aria-invalid and aria-describedby), the rest in one message above the form,
 * and a banner when someone else changed the integration meanwhile.
 */
import {focus, h, replace, show} from './dom.js';
import {describe, fieldOf, FIELDS} from './form-fields.js';

/** The status line, the error message and the stale-edit banner above the form. */
export function buildNotices() {
    const reloadButton = h('button', {type: 'button', class: 'button', id: 'reload-integration', text: 'Reload'});
    return {
        formStatus: h('p', {class: 'notice notice-success', id: 'form-status', role: 'status', hidden: true}),
        formMessage: h('div', {class: 'notice notice-error', id: 'form-message', role: 'alert', hidden: true}),
        reloadButton,
        staleBanner: h('div', {class: 'notice notice-warning stale-edit', id: 'stale-edit', role: 'alert',
                hidden: true},
            h('div', {},
                h('p', {class: 'notice-title', text: 'Someone else changed this integration since you opened it.'}),
                h('p', {text: 'Reload to see the current values. What you typed here will be discarded.'})),
            reloadButton)
    };
}

/** Removes every field error and the error message. */
export function clearErrors(fields, notices) {
    FIELDS.forEach(({key}) => {
        const error = fields.errors[key];
        error.textContent = '';
        show(error, false);
        const targets = key === 'authenticationType' ? [fields.oauth2Radio, fields.apiKeyRadio] : [fields.inputs[key]];
        targets.forEach(input => input.removeAttribute('aria-invalid'));
        if (key !== 'authenticationType') {
            describe(fields, fields.inputs[key], key);
        } else {
            fields.typeFieldset.removeAttribute('aria-describedby');
        }
    });
    show(notices.formMessage, false);
    replace(notices.formMessage);
}

/** The service's message with the field's label in place of its server name. */
function friendly(field, message) {
    // a scope is named by its place in the list typed, counted from 1
    const text = (message || '').replace(/authentication\.scopes\[(\d+)\]/g,
        (server, index) => `scope ${Number(index) + 1}`).replace(/^scope /, 'Scope ');
    if (field.server && text.startsWith(field.server + ' ')) {
        return field.label + text.slice(field.server.length);
    }
    if (text.startsWith('authentication ')) {
        return field.label + text.slice('authentication'.length);
    }
    return text;
}

/** Shows the problems next to their fields; answers the first invalid input, or null. */
export function showFieldErrors(fields, notices, problems) {
    const unplaced = [];
    const invalid = new Set();
    problems.forEach(problem => {
        const field = fieldOf(problem.field);
        const visible = field && !(field.key in fields.inputs && fields.inputs[field.key].closest('[hidden]'));
        if (!field || !visible) {
            unplaced.push(problem.message || `${problem.field} ${problem.rule}`);
            return;
        }
        const error = fields.errors[field.key];
        const text = friendly(field, problem.message || `${problem.field} ${problem.rule}`);
        error.textContent = error.textContent ? `${error.textContent} ${text}` : text;
        show(error, true);
        invalid.add(field.key);
        if (field.key === 'authenticationType') {
            [fields.oauth2Radio, fields.apiKeyRadio].forEach(radio => radio.setAttribute('aria-invalid', 'true'));
            fields.typeFieldset.setAttribute('aria-describedby', error.id);
        } else {
            fields.inputs[field.key].setAttribute('aria-invalid', 'true');
            describe(fields, fields.inputs[field.key], field.key);
        }
    });
    if (unplaced.length) {
        showMessage(notices, 'Please correct these problems:', unplaced);
    }
    const first = FIELDS.find(field => invalid.has(field.key));
    return first ? fields.inputs[first.key] : null;
}

function showMessage(notices, title, details = []) {
    replace(notices.formMessage, h('p', {class: 'notice-title', text: title}),
        details.length ? h('ul', {}, details.map(detail => h('li', {text: detail}))) : null);
    show(notices.formMessage, true);
}

function showStale(notices) {
    show(notices.staleBanner, true);
    focus(notices.reloadButton);
}

/** Shows a success line above the form; an empty text hides it. */
export function flashStatus(notices, text) {
    notices.formStatus.textContent = text;
    show(notices.formStatus, Boolean(text));
}

/** Handles a refused save, reload or status change: the fields' problems, a stale edit, or one message. */
export function showFailure(fields, notices, failure, what) {
    if (failure.status === 401) {
        return;
    }
    if (failure.status === 412) {
        showStale(notices);
        return;
    }
    if ((failure.status === 400 || failure.status === 409 || failure.status === 422) && failure.fieldErrors.length) {
        const first = showFieldErrors(fields, notices, failure.fieldErrors);
        const count = failure.fieldErrors.length;
        if (first) {
            if (notices.formMessage.hidden) {
                showMessage(notices, `${what}: ${count === 1 ? 'one field needs' : count + ' fields need'} your attention.`);
            }
            focus(first);
        } else {
            focus(notices.formMessage);
        }
        return;
    }
    if (failure.status === 409 && failure.problem.type === '/problems/duplicate-name') {
        const first = showFieldErrors(fields, notices, [{field: 'name', message: failure.message}]);
        focus(first);
        return;
    }
    if (failure.status === 404) {
        showMessage(notices, `${what}: this integration no longer exists.`);
    } else {
        showMessage(notices, `${what}: ${failure.message}`);
    }
    focus(notices.formMessage);
}
