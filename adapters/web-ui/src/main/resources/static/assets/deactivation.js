/**
 * Deactivating an integration cuts its document users off, so the page asks first, in a modal dialog that
 * names the integration and says what happens. Cancel, Escape or closing the dialog leaves the integration
 * as it is; focus returns to the switch that opened it either way. Activating needs no confirmation.
 */
import {focus, h} from './dom.js';

/** Resolves true once the deactivation of `name` is confirmed, false when it is not. */
export function confirmDeactivation(name, opener) {
    const cancel = h('button', {type: 'button', class: 'button', id: 'deactivate-cancel', text: 'Cancel'});
    const confirm = h('button', {type: 'button', class: 'button button-danger', id: 'deactivate-confirm',
        text: 'Deactivate'});
    const dialog = h('dialog', {class: 'confirm-dialog', id: 'deactivate-dialog',
            'aria-labelledby': 'deactivate-dialog-title', 'aria-describedby': 'deactivate-dialog-text'},
        h('h2', {id: 'deactivate-dialog-title', text: `Deactivate ${name}?`}),
        h('p', {id: 'deactivate-dialog-text', text: `Document users lose access to ${name} until it is activated `
                + 'again: meanwhile the gateway refuses every call through it.'}),
        h('div', {class: 'form-actions confirm-actions'}, cancel, confirm));
    return new Promise(resolve => {
        // leaving the page (the browser's Back, say) answers no
        const leave = () => dialog.close('cancel');
        cancel.addEventListener('click', () => dialog.close('cancel'));
        confirm.addEventListener('click', () => dialog.close('confirm'));
        window.addEventListener('hashchange', leave, {once: true});
        dialog.addEventListener('close', () => {
            const confirmed = dialog.returnValue === 'confirm';
            window.removeEventListener('hashchange', leave);
            dialog.remove();
            if (opener.isConnected) {
                focus(opener);
            }
            resolve(confirmed);
        }, {once: true});
        document.body.append(dialog);
        dialog.showModal();
        // the safe choice has the focus: Enter or Space right away keeps the integration active
        focus(cancel);
    });
}
