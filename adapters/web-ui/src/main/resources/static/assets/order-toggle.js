/**
 * The order of the history and of the audit trail: "Newest first" (desc, the default) or "Oldest first"
 * (asc), as two radio buttons in a fieldset, so that the keyboard moves between them with the arrow keys.
 */
import {h} from './dom.js';

export const ORDER_LABELS = {desc: 'newest first', asc: 'oldest first'};

/** The order of an address's `order` parameter: asc, or else desc. */
export function orderOf(params) {
    return params.get('order') === 'asc' ? 'asc' : 'desc';
}

/** The toggle; `onChange(order)` runs when the other order is chosen. */
export function orderToggle({id, order, onChange}) {
    const option = (value, label) => {
        const input = h('input', {type: 'radio', name: id, id: `${id}-${value}`, value, checked: order === value});
        input.addEventListener('change', () => {
            if (input.checked) {
                onChange(value);
            }
        });
        return h('span', {class: 'order-option'}, input, h('label', {for: `${id}-${value}`, text: label}));
    };
    return h('fieldset', {class: 'order-toggle', id},
        h('legend', {text: 'Order'}),
        option('desc', 'Newest first'),
        option('asc', 'Oldest first'));
}
