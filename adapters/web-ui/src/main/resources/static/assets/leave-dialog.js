/**
 * Asks before unsaved changes are left behind: a modal dialog, labelled by its title, that takes focus
 * to "Stay on this page"; Escape and "Stay" keep the page, and focus goes back where it was.
 */
import {h} from './dom.js';

let dialog = null;

function build() {
    const stay = h('button', {type: 'button', class: 'button button-primary', id: 'leave-stay', autofocus: true,
        text: 'Stay on this page'});
    const leave = h('button', {type: 'button', class: 'button', id: 'leave-confirm', text: 'Leave without saving'});
    const element = h('dialog', {class: 'card leave-dialog', id: 'leave-dialog', 'aria-labelledby': 'leave-title',
            'aria-describedby': 'leave-text'},
        h('h2', {id: 'leave-title', text: 'Leave without saving?'}),
        h('p', {id: 'leave-text', text: 'You changed this integration and did not save. If you leave, your changes '
                + 'are lost.'}),
        h('div', {class: 'actions'}, stay, leave));
    stay.addEventListener('click', () => element.close('stay'));
    leave.addEventListener('click', () => element.close('leave'));
    document.body.append(element);
    return element;
}

/** Answers true when the user chooses to leave, false when they stay (also by Escape). */
export function confirmLeave() {
    if (!dialog || !dialog.isConnected) {
        dialog = build();
    }
    if (dialog.open) {
        return Promise.resolve(false);
    }
    const before = document.activeElement;
    dialog.returnValue = '';
    return new Promise(resolve => {
        dialog.addEventListener('close', () => {
            const leaving = dialog.returnValue === 'leave';
            if (!leaving && before && before.isConnected && typeof before.focus === 'function') {
                before.focus();
            }
            resolve(leaving);
        }, {once: true});
        dialog.showModal();
        dialog.querySelector('#leave-stay').focus();
    });
}
