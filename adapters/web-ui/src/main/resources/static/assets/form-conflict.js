/**
 * When someone else changed the integration since the form was loaded (the service answers 412 to
 * the save): who changed what since then, read from the integration's history, and a way to apply the
 * user's own edits, only the fields the user changed, on top of the new version, marking the fields
 * both changed, for the user to review and save again.
 */
import {api} from './api.js';
import {announce, AUTH_TYPES, focus, h, replace, show} from './dom.js';
import {changeList, computeChanges, eventBadge, eventMeta} from './changes.js';
import {describe, fieldValues, FIELDS, setFieldValues, showTypeFields} from './form-fields.js';
import {clearErrors, flashStatus, saveStatus, showFailure} from './form-errors.js';

const SECRETS = ['clientSecret', 'apiKey'];

/** Shows the stale-edit banner with the changes made since the loaded version. */
export async function showConflict(view) {
    const {app, token, id, notices} = view;
    replace(notices.staleChanges, h('p', {class: 'muted', text: 'Loading what changed…'}));
    show(notices.staleBanner, true);
    focus(notices.applyButton);
    saveStatus(notices, 'Not saved: someone else changed this integration meanwhile (see above).', 'error');
    let events;
    try {
        events = (await api.history(id)).data.items || [];
    } catch (failure) {
        if (app.isCurrent(token) && failure.status !== 401) {
            replace(notices.staleChanges, h('p', {text: 'What changed could not be loaded: ' + failure.message}));
        }
        return;
    }
    if (!app.isCurrent(token)) {
        return;
    }
    const loaded = view.loadedVersion;
    const computed = computeChanges(events);
    const since = events.map((event, index) => ({event, changes: computed[index]}))
        .filter(({event, changes}) => event.version > loaded && changes.length > 0);
    replace(notices.staleChanges, since.length === 0
        ? h('p', {text: 'The history does not show the change yet; apply your changes to see the current values.'})
        : h('ol', {class: 'timeline stale-timeline', id: 'stale-changes-list',
                'aria-label': 'Changes since you opened this integration'},
            since.map(({event, changes}) => h('li', {class: 'history-entry',
                    dataset: {type: event.type, version: String(event.version)}},
                h('div', {class: 'entry-header'}, eventBadge(event.type)),
                eventMeta(event),
                changeList(changes, event.type)))));
}

function shown(key, value) {
    if (!value) {
        return 'empty';
    }
    return key === 'authenticationType' ? AUTH_TYPES[value] || value : value;
}

/** Removes the marks of fields both users changed. */
export function clearConflictNotes(fields) {
    Object.entries(fields.notes).forEach(([key, note]) => {
        note.remove();
        delete fields.notes[key];
        if (key === 'authenticationType') {
            fields.typeFieldset.removeAttribute('aria-describedby');
        } else {
            describe(fields, fields.inputs[key], key);
        }
    });
}

function markBothChanged(fields, key, theirs) {
    const label = FIELDS.find(field => field.key === key).label;
    const note = h('p', {class: 'conflict-note', id: `conflict-${key}`},
        `${label} was also changed by someone else, to “${shown(key, theirs)}”. Your value is kept: check it before saving.`);
    fields.errors[key].after(note);
    fields.notes[key] = note;
    if (key === 'authenticationType') {
        fields.typeFieldset.setAttribute('aria-describedby', note.id);
    } else {
        describe(fields, fields.inputs[key], key);
    }
}

/**
 * Loads the latest version and puts back what the user changed (compared with the values loaded),
 * marking the fields the other change touched too; the user then reviews and saves with the new ETag.
 */
export async function applyMine(view) {
    const {app, token, id, fields, notices} = view;
    const mine = fieldValues(fields);
    const base = view.baseline;
    const changed = Object.keys(mine).filter(key => mine[key] !== base[key]);
    let answer;
    try {
        answer = await api.getIntegration(id);
    } catch (failure) {
        if (app.isCurrent(token)) {
            showFailure(fields, notices, failure, 'The integration could not be reloaded');
        }
        return;
    }
    if (!app.isCurrent(token)) {
        return;
    }
    view.integration = answer.data;
    view.etag = answer.etag;
    clearErrors(fields, notices);
    clearConflictNotes(fields);
    view.populate();
    const latest = fieldValues(fields);
    setFieldValues(fields, Object.fromEntries(changed.map(key => [key, mine[key]])));
    showTypeFields(fields, view.integration);
    const both = changed.filter(key => !SECRETS.includes(key) && latest[key] !== base[key]
        && latest[key] !== mine[key]);
    both.forEach(key => markBothChanged(fields, key, latest[key]));
    // what is unsaved now is the user's own edits on top of the latest version
    view.baseline = latest;
    show(notices.staleBanner, false);
    saveStatus(notices, '');
    const text = `Your changes are applied to the current version (version ${view.integration.version}). `
        + (both.length ? `${both.length === 1 ? 'One field was' : both.length + ' fields were'} changed by both of `
            + 'you and is marked. ' : '')
        + 'Review them and save again.';
    flashStatus(notices, text);
    announce(text);
    const first = both[0] || changed.find(key => !SECRETS.includes(key)) || null;
    focus(first ? fields.inputs[first] : view.saveButton);
}
