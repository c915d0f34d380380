/**
 * What the integration form says about a refused request: the problems of the RFC 9457 answer next
 * to their fields (with aria-invalid and aria-describedby), the rest in one message above the form,
 * and a banner when someone else changed the integration meanwhile.
 */
import {focus, h, replace, show} from './dom.js';
import {describe, fieldOf, FIELDS} from './form-fields.js';

/** The status line, the error message and the stale-edit banner above the form; the save status below it. */
export function buildNotices() {
    const reloadButton = h('button', {type: 'button', class: 'button', id: 'reload-integration',
        text: 'Discard my changes'});
    const applyButton = h('button', {type: 'button', class: 'button button-primary', id: 'apply-my-changes',
        text: 'Apply my changes to the new version'});
    const staleChanges = h('div', {class: 'stale-changes', id: 'stale-changes'});
    return {
        formStatus: h('p', {class: 'notice notice-success', id: 'form-status', role: 'status', hidden: true}),
        formMessage: h('div', {class: 'notice notice-error', id: 'form-message', role: 'alert', hidden: true}),
        saveStatus: h('p', {class: 'save-status', id: 'save-status', role: 'status'}),
        reloadButton,
        applyButton,
        staleChanges,
        staleBanner: h('div', {class: 'notice notice-warning stale-edit', id: 'stale-edit', role: 'alert',
                hidden: true, 'aria-labelledby': 'stale-edit-title'},
            h('div', {class: 'stale-body'},
                h('p', {class: 'notice-title', id: 'stale-edit-title',
                    text: 'Someone else changed this integration since you opened it.'}),
                staleChanges,
                h('p', {text: 'Apply your changes on top of the new version and review them before saving again, '
                        + 'or discard them and load the current values.'}),
                h('div', {class: 'stale-actions'}, applyButton, reloadButton)))
    };
}

/** Says how a save ended next to the Save button, where the user is looking; an empty text clears it. */
export function saveStatus(notices, text, kind = 'success') {
    notices.saveStatus.textContent = text;
    notices.saveStatus.className = `save-status save-${kind}`;
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

/** What the URL parser of an older service said, in words a person reads. */
const PARSER_WORDS = [
    [/\(?Illegal character in [a-z]+(?: (?!at\b)[a-z]+)*(?: at index \d+)?\)?/,
        'The address contains a character that is not allowed in a URL, such as a space.'],
    [/\(?Malformed escape pair( at index \d+)?\)?/, 'A % must be followed by two hexadecimal digits.'],
    [/\(?Expected [a-z-]+(?: (?!at\b)[a-z-]+)*(?: at index \d+)?\)?/, 'The address is incomplete; write it like https://provider.example/api.']
];

/** The service's message with the field's label in place of its server name. */
function friendly(field, raw) {
    let message = raw || '';
    const parser = PARSER_WORDS.find(([pattern]) => pattern.test(message));
    if (parser) {
        message = message.replace(parser[0], '').replace(/\s*\(?\s*$/, '').trim().replace(/[,:]$/, '')
            + '. ' + parser[1];
    }
    // a scope is named by its place in the list typed, counted from 1
    const text = message.replace(/authentication\.scopes\[(\d+)\]/g,
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
    notices.placed = [];
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
        notices.placed.push({key: field.key, text});
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
    notices.unplaced = unplaced.length;
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

/**
 * Shows every problem next to its field and, above the form, a summary whose links lead to them;
 * focus moves to the first. Answers the summary's sentence.
 */
export function showProblems(fields, notices, problems, what) {
    const first = showFieldErrors(fields, notices, problems);
    const count = notices.placed.length;
    const sentence = `${what}: ${count === 1 ? 'one field needs' : count + ' fields need'} your attention.`;
    if (first && !notices.unplaced) {
        replace(notices.formMessage, h('p', {class: 'notice-title', text: sentence}),
            h('ul', {class: 'error-summary'}, notices.placed.map(({key, text}) => h('li', {dataset: {field: key}},
                h('a', {href: `#field-${key}`, onclick: event => {
                    event.preventDefault();
                    focus(fields.inputs[key]);
                }}, text)))));
        show(notices.formMessage, true);
    }
    focus(first || notices.formMessage);
    return first ? sentence : `${what}.`;
}

/** Removes one field's error (and its line in the summary), once what was typed is right. */
export function clearFieldError(fields, notices, key) {
    const error = fields.errors[key];
    if (!error || error.hidden) {
        return;
    }
    error.textContent = '';
    show(error, false);
    if (key === 'authenticationType') {
        [fields.oauth2Radio, fields.apiKeyRadio].forEach(radio => radio.removeAttribute('aria-invalid'));
        fields.typeFieldset.removeAttribute('aria-describedby');
    } else {
        fields.inputs[key].removeAttribute('aria-invalid');
        describe(fields, fields.inputs[key], key);
    }
    const line = notices.formMessage.querySelector(`li[data-field="${key}"]`);
    if (line) {
        line.remove();
        if (!notices.formMessage.querySelector('li')) {
            show(notices.formMessage, false);
        }
    }
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
        showProblems(fields, notices, failure.fieldErrors, what);
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
