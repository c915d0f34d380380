/**
 * Small DOM helpers. Everything is built with createElement and textContent: no HTML strings, no
 * inline styles, no inline event handlers (the page runs under a strict Content-Security-Policy).
 */

/**
 * Creates an element. Props: `class`, `text`, `dataset`, `on<Event>` (listeners), `value`/`checked`
 * (properties), and any other attribute (true → present, false/null/undefined → absent).
 */
export function h(tag, props, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (key === 'class') {
            element.className = value;
        } else if (key === 'text') {
            element.textContent = value;
        } else if (key === 'dataset') {
            Object.assign(element.dataset, value);
        } else if (key === 'value') {
            element.value = value;
        } else if (key === 'checked') {
            element.checked = Boolean(value);
        } else if (key.startsWith('on') && typeof value === 'function') {
            element.addEventListener(key.slice(2).toLowerCase(), value);
        } else if (value === true) {
            element.setAttribute(key, '');
        } else {
            element.setAttribute(key, String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : String(child));
    }
}

/** Replaces the content of an element. */
export function replace(element, ...children) {
    element.replaceChildren();
    append(element, children);
    return element;
}

/** Shows or hides an element with the `hidden` attribute. */
export function show(element, visible) {
    if (element) {
        element.hidden = !visible;
    }
}

const dateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'medium'});

/** A `<time>` element showing an instant in the browser's local time. */
export function time(iso, withSeconds = false) {
    if (!iso) {
        return h('span', {class: 'muted', text: '—'});
    }
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return h('span', {text: iso});
    }
    return h('time', {datetime: date.toISOString(), title: date.toISOString()},
        (withSeconds ? dateTimeSeconds : dateTime).format(date));
}

/** The local-time text of an instant. */
export function formatTime(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : dateTime.format(date);
}

let announceTimer = null;

/** Says something in the page's polite live region. */
export function announce(message) {
    const announcer = document.getElementById('announcer');
    if (!announcer) {
        return;
    }
    announcer.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
        announcer.textContent = message;
    }, 50);
}

/** Moves focus to an element (made focusable by script if needed) without scrolling surprises. */
export function focus(element) {
    if (!element) {
        return;
    }
    if (!element.hasAttribute('tabindex') && !isNaturallyFocusable(element)) {
        element.setAttribute('tabindex', '-1');
    }
    element.focus();
}

function isNaturallyFocusable(element) {
    return ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A'].includes(element.tagName);
}

/** Human names of the authentication types. */
export const AUTH_TYPES = {OAUTH2: 'OAuth2', API_KEY: 'API key'};

/** A status badge whose text is the status itself (ACTIVE / INACTIVE). */
export function statusBadge(status) {
    return h('span', {
        class: 'integration-status badge ' + (status === 'ACTIVE' ? 'badge-active' : 'badge-inactive'),
        text: status
    });
}

/**
 * A switch button (role="switch"). `onToggle(wanted)` returns a promise; the switch is busy meanwhile.
 */
export function statusSwitch({id, className, checked, label, onToggle}) {
    const button = h('button', {
        type: 'button',
        id,
        class: 'switch ' + (className || ''),
        role: 'switch',
        'aria-checked': String(Boolean(checked)),
        'aria-label': label
    }, h('span', {class: 'switch-track', 'aria-hidden': 'true'}, h('span', {class: 'switch-thumb'})));
    button.addEventListener('click', async () => {
        if (button.getAttribute('aria-busy') === 'true') {
            return;
        }
        const wanted = button.getAttribute('aria-checked') !== 'true';
        button.setAttribute('aria-busy', 'true');
        try {
            await onToggle(wanted);
        } finally {
            button.removeAttribute('aria-busy');
        }
    });
    return button;
}

/** Sets a switch's state. */
export function setSwitch(button, checked) {
    button.setAttribute('aria-checked', String(Boolean(checked)));
}
